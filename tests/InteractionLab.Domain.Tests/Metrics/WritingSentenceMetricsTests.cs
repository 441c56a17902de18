using InteractionLab.Domain.Metrics;
using InteractionLab.Domain.Tests.Fixtures;
using InteractionLab.Domain.Writing;
using static InteractionLab.Domain.Tests.Writing.TraceEvents;

namespace InteractionLab.Domain.Tests.Metrics;

/// <summary>
/// HALIE's per-sentence table on logs written in HALIE's released format (Fixtures/halie, written for these tests).
/// Each expected row is worked out by hand below from the lines of the fixture (line n = event index n − 1).
/// </summary>
public class WritingSentenceMetricsTests
{
    public const string LifeSession = "5f1c0a3e9b2d4c6e8a7b1d2c3e4f5a6b";
    public const string ProgressSession = "c0ffee00d15ea5e0b0a7d00dfeedface";

    private static IReadOnlyList<TraceEvent> Log(string id) =>
        CoAuthorTraceReader.ReadText(id, File.ReadAllText(FixtureFiles.PathOf($"halie/{id}.jsonl"))).Events;

    /// <summary>The "life" session: three template-adds (lines 8, 16, 27), a template-delete (line 28), a
    /// suggestion-fail with a string delta (line 15) and a cursor move after the last sentence (line 29, in no block).</summary>
    public static IReadOnlyList<SentenceMetrics> LifeRows { get; } =
    [
        // Block 0 = lines 1–8 (system-initialize … template-add): 8 events, 9000 ms → 9000/1000/60 = 0.15 min.
        // 1 suggestion-get; 1 open, 1 select → round(1/1·100) = 100. Model completion: line 7's insert
        // " game of chance." stripped. Final sentence "Life is a game of chance." = "Life is a " + completion:
        // tokens [game, of, chance.] → [Life, is, a, game, of, chance.] = 3 inserts; characters 10 inserts.
        // norm_order_id = round(0/3, 2) = 0.0 (3 non-empty sentences were added).
        new(0, 0.0, 0.15, 1, 8, 100, "game of chance.", "Life is a game of chance.", 3, 10, 0, 7),
        // Block 1 = lines 9–16: 8 events, 30000 − 9001 = 20999 ms → 0.349983… → 0.35. Queries: lines 11 and 14 = 2.
        // 1 open (line 12), 0 selects → round(0) = 0. No api text-insert → completion "". The sentence is logged
        // with a trailing space and HALIE keeps it: 7 tokens, 34 characters (33 + the space), all inserted.
        // norm = round(1/3, 2) = 0.33.
        new(1, 0.33, 0.35, 2, 8, 0, "", "Life is a marathon, not a sprint. ", 7, 34, 8, 15),
        // Block 2 = lines 17–27: 11 events, 40000 − 30001 = 9999 ms → 0.16665 → 0.17. Queries lines 19, 23 = 2;
        // opens lines 20, 24 = 2; 1 select → round(50.0) = 50. Completion "of the dice." (line 22).
        // Tokens [of, the, dice.] → [Life, is, a, 🎲, roll, of, the, die.]: 5 inserts + dice.→die. = 6.
        // Characters in code points (🎲 is one, not two UTF-16 units): insert "Life is a 🎲 roll " (17) and delete
        // the "c" of dice = 18. norm = round(2/3, 2) = 0.67.
        new(2, 0.67, 0.17, 2, 11, 50, "of the dice.", "Life is a 🎲 roll of the die.", 6, 18, 16, 26),
    ];

    /// <summary>The "progress" session: a suggestion-get before system-initialize (line 1, not counted), eight
    /// lists shown and one picked, two api inserts, an empty submission and a sentence ending in a line break.</summary>
    public static IReadOnlyList<SentenceMetrics> ProgressRows { get; } =
    [
        // Block 0 = lines 2–23 (from system-initialize; line 1 is ignored): 22 events, 7500 ms → 0.125 min, an exact
        // midpoint that Python rounds to even: 0.12. 8 gets, 8 opens, 1 select → 12.5 → round half even = 12.
        // Two api inserts (lines 21, 22): the last wins → "with partners.". Final sentence = "Progress is a dance "
        // + completion: 4 tokens, 20 characters. Sentences added = 2 (the empty one does not count): round(0/2) = 0.0.
        new(0, 0.0, 0.12, 8, 22, 12, "with partners.", "Progress is a dance with partners.", 4, 20, 1, 22),
        // Block 1 = lines 24–25: an api delete and an empty template-add (still a block, as in HALIE): 2 events,
        // 499 ms → 0.00832 → 0.01; no list shown → acceptance undefined; distances 0. norm = round(1/2, 2) = 0.5.
        new(1, 0.5, 0.01, 0, 2, null, "", "", 0, 0, 23, 24),
        // Block 2 = lines 26–27: 1000 ms → 0.0166… → 0.02. The sentence keeps its "\n": 3 tokens, 18 characters.
        // norm = round(2/2, 2) = 1.0.
        new(2, 1.0, 0.02, 0, 2, null, "", "Progress is slow.\n", 3, 18, 25, 26),
    ];

    [Fact]
    public void ReproducesHaliesPerSentenceRowsForATraceWithSentencesARemovalAndAFailedQuery()
    {
        Assert.Equal(LifeRows, WritingSentenceMetrics.FromTrace(Log(LifeSession)));
    }

    [Fact]
    public void CountsFromSystemInitializeRoundsMidpointsToEvenAndKeepsAnEmptySubmissionAsABlock()
    {
        Assert.Equal(ProgressRows, WritingSentenceMetrics.FromTrace(Log(ProgressSession)));
    }

    [Fact]
    public void FindsSentenceBlocksInOurOwnEditorsTraceAtTheDeleteThatEmptiesTheEditor()
    {
        // Our editor: the participant types, picks a suggestion (select + api insert), edits, and "Add sentence"
        // empties the editor with an api text-delete marked reason "sentence-add". Timestamps in ms.
        var add = new Dictionary<string, string> { ["reason"] = "\"sentence-add\"" };
        TraceEvent At(TraceEvent e, long ms) => e with { TimestampMs = ms };
        var events = new List<TraceEvent>
        {
            At(Init(""), 0),
            At(Type(I("Love is")), 1_000),
            At(Named(CoAuthorEventNames.SuggestionGet), 2_000),
            At(Named(CoAuthorEventNames.SuggestionOpen, EventSource.Api), 3_000),
            At(Select(), 4_000),
            At(ApiInsert(R(7), I(" a long road")), 4_001),
            At(Type(R(19), I(" ok.")), 6_000),
            At(Delete(D(23)) with { Source = EventSource.Api, UnknownFields = add }, 66_000),
            At(Type(I("Time flies.")), 70_000),
            At(Delete(D(11)) with { Source = EventSource.Api, UnknownFields = add }, 76_000),
            At(Type(I("unfinished")), 80_000),
        };

        var rows = WritingSentenceMetrics.FromTrace(events);

        // Block 0 = events 0–7: 66000 ms → 1.1 min; 1 get; 1 open, 1 select → 100; completion "a long road";
        // sentence = the editor before the delete, "Love is a long road ok.": tokens [a, long, road] →
        // [Love, is, a, long, road, ok.] = 3; characters "Love is " (8) + " ok." (4) inserted = 12. norm 0/2 = 0.0.
        // Block 1 = events 8–9: 6000 ms → 0.1 min; nothing asked → acceptance undefined; "Time flies." 2 tokens,
        // 11 characters. norm 1/2 = 0.5. Event 10 (typing after the last sentence) belongs to no block.
        Assert.Equal(
        [
            new SentenceMetrics(0, 0.0, 1.1, 1, 8, 100, "a long road", "Love is a long road ok.", 3, 12, 0, 7),
            new SentenceMetrics(1, 0.5, 0.1, 0, 2, null, "", "Time flies.", 2, 11, 8, 9),
        ], rows);
    }

    [Fact]
    public void GivesNoRowsForATraceWithoutASubmittedSentence()
    {
        Assert.Empty(WritingSentenceMetrics.FromTrace([Init("x"), Type(R(1), I("y"))]));
        Assert.Empty(WritingSentenceMetrics.FromTrace([]));
    }

    [Fact]
    public void LeavesElapsedTimeUndefinedWhenATimestampIsMissing()
    {
        var row = Assert.Single(WritingSentenceMetrics.FromTrace(
            [Init("") with { TimestampMs = 5 }, new TraceEvent { EventName = CoAuthorEventNames.TemplateAdd, Source = EventSource.User, DeltaText = "A." }]));

        Assert.Null(row.ElapsedMinutes);
        Assert.Equal(2, row.Events);
    }
}

using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Data;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.Crossword;
using InteractionLab.Api.Tests.Monitoring;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Tasks.Crossword;

/// <summary>
/// The crossword metrics on real PostgreSQL, from events stored through the real event log, against accuracies
/// worked out by hand on the demo mini (21 white squares, 6 answers of 5 letters: 30 answer letters, counted per
/// answer as HALIE does, so a square in an across and a down answer counts twice):
/// <code>
/// P L A N T     across: 1 PLANT, 4 APPLE, 5 SINCE
/// E # S # H     down:   1 PEARS, 2 ASPEN, 3 THEME
/// A P P L E
/// R # E # M
/// S I N C E
/// </code>
/// </summary>
public sealed class CrosswordMetricSourceTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    private static StudyConfig WithCrossword(StudyConfig config) => config with
    {
        Stages =
        [
            .. config.Stages.Where(s => s.Key is "consent" or "instructions"),
            new StageConfig("puzzle", StageKind.Task, "Crossword", Task: new TaskConfig("crossword", Stimuli: "demo-crossword-mini"), TimeLimitSeconds: 1800),
            .. config.Stages.Where(s => s.Key is "rating" or "debrief"),
        ],
    };

    [Fact]
    public async Task LetterAndClueAccuracyOfTheRebuiltFinalGridSolvedShareAndQuestionsPerCondition()
    {
        var (_, id) = await platform.CreateStudyAsync("cora", StudyStatus.Open, WithCrossword);
        await using var scope = platform.Scope(out var db);
        var version = await db.StudyVersions.Where(v => v.StudyId == id).Select(v => v.Id).SingleAsync();
        var log = scope.ServiceProvider.GetRequiredService<TaskEventLog>();
        var now = DateTimeOffset.UtcNow;
        Session Add(string condition)
        {
            var participant = new Participant { CreatedAt = now };
            db.Participants.Add(participant);
            var session = new Session
            {
                StudyId = id, StudyVersionId = version, ParticipantId = participant.Id, ConfigHash = "h", ConditionKey = condition,
                Status = SessionStatus.Completed, StageIndex = 4, StartedAt = now.AddMinutes(-20), LastSeenAt = now, CompletedAt = now,
            };
            db.Sessions.Add(session);
            return session;
        }
        var a = Add("warm");
        var b = Add("warm");
        var c = Add("cool");
        var d = Add("cool");
        Add("warm"); // never opened the puzzle: counted, not measured
        await db.SaveChangesAsync();
        Task Record(Session s, string type, object payload) => log.AppendAsync(s.Id, "puzzle", type, payload);
        Task Type(Session s, int row, int col, string letter) => Record(s, CrosswordEvents.Cell, new CrosswordCellPayload(row, col, letter));
        string[] solution = ["PLANT", "E#S#H", "APPLE", "R#E#M", "SINCE"];
        async Task TypeRows(Session s, params int[] rows)
        {
            foreach (var r in rows)
                for (var i = 0; i < 5; i++)
                    if (solution[r][i] != '#') await Type(s, r, i, solution[r][i].ToString());
        }

        // A: PLANT and APPL_ (an X typed then cleared). Letters: PLANT 5, APPLE 4, SINCE 0, PEARS 2 (P, A), ASPEN 2
        // (A, P), THEME 1 (T) = 14 of 30; 1 of 6 answers; two questions; gave up.
        await Record(a, CrosswordEvents.Start, new CrosswordStartPayload(0, "Orchard mini"));
        for (var i = 0; i < 5; i++) await Type(a, 0, i, "PLANT"[i].ToString());
        for (var i = 0; i < 4; i++) await Type(a, 2, i, "APPL"[i].ToString());
        await Type(a, 2, 4, "X");
        await Type(a, 2, 4, "");
        await Record(a, CrosswordEvents.Ask, new CrosswordAskPayload("4-Across", 20));
        await Record(a, CrosswordEvents.Ask, new CrosswordAskPayload("1-Down", 12));
        await Record(a, CrosswordEvents.GiveUp, new { });

        // B: a wrong start, reset, 1 across revealed (row 0: PLANT's 5 letters and the first letter of PEARS, ASPEN and
        // THEME = 8 revealed of 30), the rest typed right: the grid is complete but 22 of 30 letters and 2 of 6 answers
        // (APPLE, SINCE) were found; 4 of 6 answers hold a revealed square; not solved by the participant.
        await Record(b, CrosswordEvents.Start, new CrosswordStartPayload(0, "Orchard mini"));
        await Type(b, 0, 0, "Q");
        await Record(b, CrosswordEvents.Reset, new { });
        await Record(b, CrosswordEvents.Reveal, new CrosswordScopePayload(CrosswordEvents.WordScope, Clue: "1-Across"));
        await TypeRows(b, 1, 2, 3, 4);
        await Record(b, CrosswordEvents.Solved, new CrosswordSolvedPayload(5));

        // C: opened the puzzle and gave up at once = 0 of 30. D: typed every square = 30 of 30, solved.
        await Record(c, CrosswordEvents.Start, new CrosswordStartPayload(0, "Orchard mini"));
        await Record(c, CrosswordEvents.GiveUp, new { });
        await Record(d, CrosswordEvents.Start, new CrosswordStartPayload(0, "Orchard mini"));
        await TypeRows(d, 0, 1, 2, 3, 4);
        await Record(d, CrosswordEvents.Solved, new CrosswordSolvedPayload(0));

        var results = await scope.ServiceProvider.GetRequiredService<StudyResultsQuery>().GetAsync(StaffPlatform.User("cora"), id, new ResultsOptions());
        ResultCell Cell(string metric, string condition) => results.Rows.Single(r => r.Metric.Key == metric).Cells.Single(x => x.Condition == condition);
        void AssertCell(ResultCell cell, int n, double mean, double se)
        {
            Assert.Equal(n, cell.N);
            Assert.Equal(mean, cell.Mean, 6);
            Assert.Equal(se, cell.StandardError, 6);
        }

        // Two values x, y: mean (x + y) / 2, SE = |x − y| / 2.
        AssertCell(Cell(CrosswordMetricSource.LetterAccuracy, "warm"), 2, (14.0 / 30 + 22.0 / 30) / 2, (22.0 / 30 - 14.0 / 30) / 2);
        AssertCell(Cell(CrosswordMetricSource.ClueAccuracy, "warm"), 2, (1.0 / 6 + 2.0 / 6) / 2, (2.0 / 6 - 1.0 / 6) / 2);
        AssertCell(Cell(CrosswordMetricSource.Solved, "warm"), 2, 0, 0);
        AssertCell(Cell(CrosswordMetricSource.RevealedLetters, "warm"), 2, 8.0 / 30 / 2, 8.0 / 30 / 2);
        AssertCell(Cell(CrosswordMetricSource.RevealedClues, "warm"), 2, 4.0 / 6 / 2, 4.0 / 6 / 2);
        AssertCell(Cell(CrosswordMetricSource.Queries, "warm"), 2, 1, 1);
        AssertCell(Cell(CrosswordMetricSource.QueriesOfTypePrefix + "unlabelled", "warm"), 2, 1, 1);
        AssertCell(Cell(CrosswordMetricSource.LetterAccuracy, "cool"), 2, 0.5, 0.5);
        AssertCell(Cell(CrosswordMetricSource.Solved, "cool"), 2, 0.5, 0.5);
        AssertCell(Cell(CrosswordMetricSource.RevealedLetters, "cool"), 2, 0, 0);
        Assert.Equal([3, 2], results.SessionsPerCondition);
    }

    [Fact]
    public async Task AStudyWithoutACrosswordHasNoCrosswordRows()
    {
        var (_, id) = await platform.CreateStudyAsync("cora", StudyStatus.Open);
        await using var scope = platform.Scope(out _);

        var results = await scope.ServiceProvider.GetRequiredService<StudyResultsQuery>().GetAsync(StaffPlatform.User("cora"), id, new ResultsOptions());

        Assert.DoesNotContain(results.Rows, r => r.Metric.Key.StartsWith("crossword:", StringComparison.Ordinal));
        Assert.Contains(results.Rows, r => r.Metric.Key.StartsWith("dialogue:", StringComparison.Ordinal));
    }
}

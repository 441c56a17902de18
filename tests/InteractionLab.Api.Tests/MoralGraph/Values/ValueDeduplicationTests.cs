using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.MoralGraph.Values;
using InteractionLab.Api.Tests.MoralGraph.Interview;
using InteractionLab.Domain.MoralGraph;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InteractionLab.Api.Tests.MoralGraph.Values;

/// <summary>
/// Value deduplication of the embedded default with the real all-MiniLM-L6-v2 model: the calibration numbers of the
/// README, and cards going through the real canonicalisation path (the scripted LM answers the confirmation).
/// </summary>
public sealed class ValueDeduplicationTests(InterviewPlatform platform, ITestOutputHelper output) : IClassFixture<InterviewPlatform>
{
    private IEmbeddingSource Embeddings => platform.Factory.Services.GetRequiredService<IEmbeddingSource>();

    [Fact]
    public async Task TheThresholdsSeparateTheCalibrationPairsAsTheReadmeDocuments()
    {
        var pairs = await ValuePairs.MeasureAsync(Embeddings);
        foreach (var p in pairs.OrderByDescending(p => p.Similarity)) output.WriteLine($"{p.Similarity:F4} {(p.Same ? "same" : "different")} {p.A} {p.B}");

        static int Count(IEnumerable<ValuePair> pairs, bool same, double from, double to) =>
            pairs.Count(p => p.Same == same && p.Similarity >= from && p.Similarity < to);
        var same = pairs.Where(p => p.Same).Select(p => p.Similarity).ToList();
        var different = pairs.Where(p => !p.Same).Select(p => p.Similarity).ToList();
        // ROC AUC = share of (same, different) pairs in which the same pair is the more similar (Mann-Whitney U / n1·n2).
        var auc = same.Sum(s => different.Count(d => d < s) + 0.5 * different.Count(d => d == s)) / (same.Count * different.Count);

        Assert.Equal("local/sentence-transformers/all-MiniLM-L6-v2", Embeddings.Model);
        Assert.Equal((24, 32), (same.Count, different.Count));
        // Merged without asking: 9 of 24 same pairs, no different pair.
        Assert.Equal((9, 0), (Count(pairs, true, ValueCanonicalizer.AutoMergeThreshold, 2), Count(pairs, false, ValueCanonicalizer.AutoMergeThreshold, 2)));
        // The LM is asked: the other 15 same pairs and 8 of 32 different pairs.
        Assert.Equal((15, 8), (Count(pairs, true, ValueCanonicalizer.AskThreshold, ValueCanonicalizer.AutoMergeThreshold),
            Count(pairs, false, ValueCanonicalizer.AskThreshold, ValueCanonicalizer.AutoMergeThreshold)));
        // Kept apart without asking: 24 of 32 different pairs, no same pair.
        Assert.Equal((0, 24), (Count(pairs, true, -2, ValueCanonicalizer.AskThreshold), Count(pairs, false, -2, ValueCanonicalizer.AskThreshold)));
        Assert.Equal(0.982, auc, 3);
    }

    private async Task<Guid> StudyWithValuesAsync(params (string ValueId, string CardId)[] values)
    {
        var (_, id) = await platform.StudyAsync(InterviewPlatform.Scripted);
        await using var scope = platform.Scope(out var db);
        foreach (var (valueId, cardId) in values)
        {
            var (question, card) = ValuePairs.Cards[cardId];
            db.ValuesCards.Add(new ValuesCardRecord
            {
                StudyId = id, ValueId = valueId, QuestionId = question, Title = card.Title, Description = card.Description,
                PoliciesJson = JsonSerializer.Serialize(card.AttentionalPolicies), CreatedAt = DateTimeOffset.UtcNow, Source = MoralGraphSource.Import,
            });
        }
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<(CanonicalChoice Choice, int Asked)> ChooseAsync(Guid study, string cardId)
    {
        var (question, card) = ValuePairs.Cards[cardId];
        var before = SameValueQuestions();
        await using var scope = platform.Scope(out var db);
        var choice = await platform.Factory.Services.GetRequiredService<ValueCanonicalizer>()
            .ChooseAsync(db, study, question, card, InterviewPlatform.Scripted);
        return (choice, SameValueQuestions() - before);
    }

    private int SameValueQuestions() => platform.Model.Requests.Count(r => r.ToJsonString().Contains("same value", StringComparison.Ordinal));

    [Fact]
    public async Task ACardOfTheSameValueInOtherWordsJoinsItAndADifferentValueOnTheSameQuestionStaysApart()
    {
        // Values already in the study: "Preventing harm from the answer" and "Accurate and sourced facts" (weapons question).
        var study = await StudyWithValuesAsync(("harm", "weapons-harm-1"), ("accuracy", "weapons-accuracy-1"));

        platform.Interviewer.SameValueAnswer = "yes";
        // "Not enabling future violence": the harm value in other words (similarity 0.76, in the ask band).
        var paraphrase = await ChooseAsync(study, "weapons-harm-2");
        // "The bigger picture, not shock": another value on the same question, below the ask band: the LM is not asked.
        var other = await ChooseAsync(study, "weapons-context-2");
        platform.Interviewer.SameValueAnswer = "no";
        // "Openness about what is uncertain": close to "accurate facts" (0.64, a hard negative); the LM says no.
        var nearMiss = await ChooseAsync(study, "weapons-uncertainty-1");

        Assert.Equal(("harm", "merged-confirmed", 1), (paraphrase.Choice.ValueId, paraphrase.Choice.Decision, paraphrase.Asked));
        Assert.Equal(("new", 0), (other.Choice.Decision, other.Asked));
        Assert.DoesNotContain(other.Choice.ValueId, new[] { "harm", "accuracy" });
        Assert.True(other.Choice.Similarity < ValueCanonicalizer.AskThreshold, $"{other.Choice.Similarity}");
        Assert.Equal(("kept-apart", "accuracy", 1), (nearMiss.Choice.Decision, nearMiss.Choice.ClosestValueId, nearMiss.Asked));
        Assert.NotEqual("accuracy", nearMiss.Choice.ValueId);
    }

    [Fact]
    public async Task ACloseParaphraseMergesWithoutAskingTheModel()
    {
        var study = await StudyWithValuesAsync(("safety", "driving-safety-1"), ("dignity", "driving-dignity-1"));

        // "Protecting others from accidents" vs "Safety of everyone on the road": similarity 0.84.
        var (choice, asked) = await ChooseAsync(study, "driving-safety-2");

        Assert.Equal(("safety", "merged-identical", 0), (choice.ValueId, choice.Decision, asked));
        Assert.True(choice.Similarity >= ValueCanonicalizer.AutoMergeThreshold, $"{choice.Similarity}");
    }
}

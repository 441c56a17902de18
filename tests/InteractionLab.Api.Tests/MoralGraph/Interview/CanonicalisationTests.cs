using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.MoralGraph.Values;
using InteractionLab.Domain.MoralGraph;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.MoralGraph.Interview;

/// <summary>Canonical values with the real in-process MiniLM model (and the scripted LM for the confirmation).</summary>
public sealed class CanonicalisationTests(InterviewPlatform platform) : IClassFixture<InterviewPlatform>
{
    private static readonly ValuesCard Space = new("Space to grieve at their pace", "Letting a grieving friend set the pace of contact.",
        ["MOMENTS when a friend needs quiet more than company", "SIGNS that an invitation would feel like pressure", "OPPORTUNITIES to stay present without asking"]);
    private static readonly ValuesCard Ledger = new("Accurate household budget records", "Keeping numbers right before deciding on a purchase.",
        ["RECEIPTS that were never entered", "TOTALS that differ between the bank and the spreadsheet", "SUBSCRIPTIONS renewing without notice"]);

    private async Task<Guid> StudyWithValueAsync(ValuesCard card, string valueId)
    {
        var (_, id) = await platform.StudyAsync(InterviewPlatform.Scripted);
        await using var scope = platform.Scope(out var db);
        db.ValuesCards.Add(new ValuesCardRecord
        {
            StudyId = id, ValueId = valueId, QuestionId = "q", Title = card.Title, Description = card.Description,
            PoliciesJson = JsonSerializer.Serialize(card.AttentionalPolicies), CreatedAt = DateTimeOffset.UtcNow, Source = MoralGraphSource.Import,
        });
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<CanonicalChoice> ChooseAsync(Guid study, ValuesCard card, string question = "q")
    {
        await using var scope = platform.Scope(out var db);
        return await platform.Factory.Services.GetRequiredService<ValueCanonicalizer>()
            .ChooseAsync(db, study, question, card, InterviewPlatform.Scripted);
    }

    [Fact]
    public async Task AnIdenticalCardJoinsTheValueAndAnUnrelatedOneStaysApart()
    {
        var study = await StudyWithValueAsync(Space, "space");

        var same = await ChooseAsync(study, Space with { AttentionalPolicies = [.. Space.AttentionalPolicies] });
        var other = await ChooseAsync(study, Ledger);

        Assert.Equal(("space", "merged-identical"), (same.ValueId, same.Decision));
        Assert.True(same.Similarity >= ValueCanonicalizer.AutoMergeThreshold, $"identical: {same.Similarity}");
        Assert.Equal("new", other.Decision);
        Assert.NotEqual("space", other.ValueId);
        Assert.Equal("space", other.ClosestValueId);
        Assert.True(other.Similarity < ValueCanonicalizer.AskThreshold, $"unrelated: {other.Similarity}");
    }

    [Fact]
    public async Task OnlyValuesOfTheSameQuestionAreCandidates()
    {
        var study = await StudyWithValueAsync(Space, "space");

        var elsewhere = await ChooseAsync(study, Space, question: "another-question");

        Assert.Equal("new", elsewhere.Decision);
        Assert.Null(elsewhere.Similarity);
    }

    [Fact]
    public void CosineIsOneForTheSameDirectionAndZeroForOrthogonalOrEmptyVectors()
    {
        Assert.Equal(1, ValueCanonicalizer.Cosine([1, 2, 3], [2, 4, 6]), 6);
        Assert.Equal(0, ValueCanonicalizer.Cosine([1, 0], [0, 1]), 6);
        Assert.Equal(0, ValueCanonicalizer.Cosine([0, 0], [1, 1]), 6);
    }
}

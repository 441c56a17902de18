using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.MoralGraph.Values;
using InteractionLab.Api.Tests.Monitoring;
using InteractionLab.Domain.Studies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Tests.MoralGraph.Interview;

/// <summary>The researchers' values REST endpoints on real PostgreSQL with real sign-in.</summary>
public sealed class ValuesApiTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    private async Task<Guid> StudyAsync(string owner)
    {
        var (_, id) = await platform.CreateStudyAsync(owner, StudyStatus.Draft);
        await using var scope = platform.Scope(out var db);
        ValuesCardRecord Card(string value, string question, string title) => new()
        {
            StudyId = id, ValueId = value, QuestionId = question, Title = title, Description = "About it.",
            PoliciesJson = JsonSerializer.Serialize(new[] { "MOMENTS when it matters" }), AuthorPseudonym = "P-" + title[..3],
            CreatedAt = DateTimeOffset.UtcNow, Source = MoralGraphSource.Interview, CanonicalDecision = "new",
        };
        db.ValuesCards.AddRange(Card("a", "q1", "Space to grieve"), Card("a", "q1", "Room to grieve"), Card("b", "q1", "Honest presence"), Card("x", "q2", "Fair shares"));
        db.WiserVotes.Add(new WiserVoteRecord
        {
            StudyId = id, FromValueId = "b", ToValueId = "x", Choice = Domain.MoralGraph.VoteChoice.Wiser, VoterKey = "p1", QuestionId = "q1",
            CastAt = DateTimeOffset.UtcNow, Source = MoralGraphSource.Interview,
        });
        await db.SaveChangesAsync();
        return id;
    }

    [Fact]
    public async Task ValuesAreListedMergedAndSplitWithAuditEntries()
    {
        var id = await StudyAsync("vera");
        var client = await platform.ClientAsync("vera");

        var list = await client.GetFromJsonAsync<List<CanonicalValueView>>($"/api/v1/admin/studies/{id}/values?question=q1");
        Assert.Equal([("a", 2), ("b", 1)], list!.Select(v => (v.ValueId, v.Cards.Count)));

        var merge = await client.PostAsJsonAsync($"/api/v1/admin/studies/{id}/values/merge", new MergeValuesRequest("a", "b"));
        Assert.Equal(HttpStatusCode.OK, merge.StatusCode);
        Assert.Equal(3, (await merge.Content.ReadFromJsonAsync<CanonicalValueView>())!.Cards.Count);

        var cardId = list![0].Cards[1].Id;
        var split = await client.PostAsync($"/api/v1/admin/studies/{id}/values/cards/{cardId}/split", null);
        Assert.Equal(HttpStatusCode.OK, split.StatusCode);
        var alone = (await split.Content.ReadFromJsonAsync<CanonicalValueView>())!;
        Assert.StartsWith("v-", alone.ValueId);

        await using var scope = platform.Scope(out var db);
        Assert.Equal(2, await db.ValuesCards.CountAsync(c => c.StudyId == id && c.ValueId == "a"));
        Assert.Equal("a", (await db.WiserVotes.SingleAsync(v => v.StudyId == id)).FromValueId);
        Assert.Equal([ValuesService.MergeAction, ValuesService.SplitAction],
            await db.AuditEntries.Where(a => a.StudyId == id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task ValuesOfDifferentQuestionsAreNotMergedAndOtherResearchersGetNotFound()
    {
        var id = await StudyAsync("wanda");
        var owner = await platform.ClientAsync("wanda");

        var across = await owner.PostAsJsonAsync($"/api/v1/admin/studies/{id}/values/merge", new MergeValuesRequest("a", "x"));
        Assert.Equal(HttpStatusCode.BadRequest, across.StatusCode);
        Assert.Contains("same question", (await across.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        var only = await owner.PostAsync($"/api/v1/admin/studies/{id}/values/cards/{long.MaxValue}/split", null);
        Assert.Equal(HttpStatusCode.NotFound, only.StatusCode);

        var stranger = await platform.ClientAsync("xena");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/admin/studies/{id}/values")).StatusCode);
        var anonymous = await platform.ClientAsync(null);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/admin/studies/{id}/values")).StatusCode);

        await using var scope = platform.Scope(out var db);
        Assert.Equal(1, await db.ValuesCards.CountAsync(c => c.StudyId == id && c.ValueId == "x"));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.StudyId == id));
    }
}

using System.Net;
using System.Net.Http.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.Registry;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Registry;

public sealed class ModelUsageTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task UsageSumsTokensAndAveragesLatencyPerStudyAndCondition()
    {
        var (slug, studyId) = await platform.CreateAsync();
        var a = await platform.Factory.ConsentAsync(slug);
        var b = await platform.Factory.ConsentAsync(slug);
        await using (var scope = platform.Scope(out var db))
        {
            // Hand-built turns: what the numbers must be is known exactly.
            var sessions = db.Sessions.Where(s => s.StudyId == studyId).ToList();
            foreach (var s in sessions) s.ConditionKey = s.Id == a.SessionId ? "warm" : "cool";
            void Add(Session s, int index, TurnRole role, long? input, long? output, double? ms) => db.Turns.Add(new Turn
            {
                SessionId = s.Id, Index = index, Role = role, Text = "x", CreatedAt = DateTimeOffset.UtcNow,
                InputTokens = input, OutputTokens = output, TotalMs = ms,
            });
            var sa = sessions.Single(s => s.Id == a.SessionId);
            var sb = sessions.Single(s => s.Id == b.SessionId);
            Add(sa, 0, TurnRole.Participant, null, null, null);
            Add(sa, 1, TurnRole.Model, 100, 10, 200);
            Add(sa, 2, TurnRole.Participant, null, null, null);
            Add(sa, 3, TurnRole.Model, 150, 20, 400);
            Add(sb, 0, TurnRole.Participant, null, null, null);
            Add(sb, 1, TurnRole.Model, null, 7, 90);
            await db.SaveChangesAsync();
        }

        var usage = await platform.Factory.Services.GetRequiredService<ModelUsageService>().GetAsync(StaffMember.Admin, studyId);

        Assert.Equal(2, usage.Count);
        var warm = usage.Single(u => u.Condition == "warm");
        Assert.Equal((slug, 2, 250L, 30L, 300.0), (warm.Study, warm.Requests, warm.InputTokens, warm.OutputTokens, warm.MeanLatencyMs!.Value));
        var cool = usage.Single(u => u.Condition == "cool");
        Assert.Equal((1, 0L, 7L, 90.0), (cool.Requests, cool.InputTokens, cool.OutputTokens, cool.MeanLatencyMs!.Value));

        // A researcher sees only their own studies' usage.
        Assert.Empty(await platform.Factory.Services.GetRequiredService<ModelUsageService>().GetAsync(StaffMember.Researcher("someone-else")));
        await Assert.ThrowsAsync<PlatformProblemException>(() =>
            platform.Factory.Services.GetRequiredService<ModelUsageService>().GetAsync(StaffMember.Researcher("someone-else"), studyId));
    }

    [Fact]
    public async Task UsageEndpointAnswersStaffAsJsonAndRefusesOthers()
    {
        var (slug, studyId) = await platform.CreateAsync();
        var participant = await platform.Factory.ConsentAsync(slug);
        await using (var scope = platform.Scope(out var db))
        {
            db.Turns.Add(new Turn { SessionId = participant.SessionId, Index = 0, Role = TurnRole.Model, Text = "x", CreatedAt = DateTimeOffset.UtcNow, InputTokens = 5, OutputTokens = 3, TotalMs = 10 });
            await db.SaveChangesAsync();
        }
        var owner = "owner-" + Guid.NewGuid().ToString("N")[..10];
        await using (var scope = platform.Scope(out var db))
            await db.Studies.Where(s => s.Id == studyId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Owner, owner));
        using var anonymousClient = platform.Factory.CreateBrowserClient();
        using var annotatorClient = await platform.Factory.SignedInClientAsync(StaffRoles.Annotator);
        using var researcherClient = await platform.Factory.SignedInClientAsync(StaffRoles.Researcher, owner);

        using var anonymous = await anonymousClient.GetAsync($"/api/v1/admin/usage?study={studyId}");
        using var annotator = await annotatorClient.GetAsync($"/api/v1/admin/usage?study={studyId}");
        var rows = await researcherClient.GetFromJsonAsync<List<ModelUsage>>($"/api/v1/admin/usage?study={studyId}");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, annotator.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        var row = Assert.Single(rows!);
        Assert.Equal((studyId, 1, 5L, 3L), (row.StudyId, row.Requests, row.InputTokens, row.OutputTokens));
    }
}

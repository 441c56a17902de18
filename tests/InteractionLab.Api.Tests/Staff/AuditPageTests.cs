using System.Net;
using System.Text.RegularExpressions;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Staff;

/// <summary>The admin's audit log page: newest first, filtered by actor, action and study, 50 to a page.</summary>
public sealed partial class AuditPageTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private async Task RecordAsync(string actor, int count, string action = "study.edit", Guid? study = null)
    {
        await using var scope = platform.Scope(out var db);
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        for (var i = 1; i <= count; i++) audit.Record(db, actor, action, $"target-{i}", study, $"change {i}");
        await db.SaveChangesAsync();
    }

    private static List<string> Targets(string html) => [.. TargetCell().Matches(html).Select(m => m.Groups[1].Value)];

    [Fact]
    public async Task EntriesOfOneActorArePagedNewestFirst()
    {
        var actor = "a" + Guid.NewGuid().ToString("N")[..10];
        await RecordAsync(actor, AuditSearch.PageSize + 5);
        using var admin = await platform.Factory.SignedInClientAsync(StaffRoles.Admin);

        var first = await admin.GetStringAsync($"/admin/audit?actor={actor}");
        var second = await admin.GetStringAsync($"/admin/audit?actor={actor}&page=2");

        Assert.Contains("55 entries, page 1 of 2", first, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(6, 50).Reverse().Select(i => $"target-{i}"), Targets(first));
        Assert.Contains($"href=\"/admin/audit?actor={actor}&amp;page=2\"", first, StringComparison.Ordinal);
        Assert.Equal(["target-5", "target-4", "target-3", "target-2", "target-1"], Targets(second));
    }

    [Fact]
    public async Task FiltersByActionStartAndByStudy()
    {
        var actor = "f" + Guid.NewGuid().ToString("N")[..10];
        var (slug, study) = await platform.CreateOwnedStudyAsync(actor);
        await RecordAsync(actor, 2, "study.launch", study);
        await RecordAsync(actor, 3, "account.create");
        using var admin = await platform.Factory.SignedInClientAsync(StaffRoles.Admin);

        var accounts = await admin.GetStringAsync($"/admin/audit?actor={actor}&action=account.");
        var ofStudy = await admin.GetStringAsync($"/admin/audit?study={slug}");

        Assert.Equal(["target-3", "target-2", "target-1"], Targets(accounts));
        Assert.DoesNotContain("study.launch", accounts, StringComparison.Ordinal);
        Assert.Equal(["target-2", "target-1"], Targets(ofStudy));
        Assert.Contains("No entries match", await admin.GetStringAsync("/admin/audit?study=no-such-study"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AResearcherCannotReadTheAuditLog()
    {
        using var researcher = await platform.Factory.SignedInClientAsync(StaffRoles.Researcher);
        using var response = await researcher.GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/admin/denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<td>(target-\d+)</td>")]
    private static partial Regex TargetCell();
}

using System.Net;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Studies;
using Microsoft.Extensions.DependencyInjection;
using InteractionLab.Api.Tests.Infrastructure;

namespace InteractionLab.Api.Tests.Builder;

/// <summary>The admin pages served by the real app (prerendered HTML), for the study's owner and for someone else.</summary>
public sealed class BuilderPagesTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private async Task<EditableStudy> CreateAsync(string owner, string title)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StudyBuilderService>().CreateAsync(
            PlatformFixture.User(owner, StaffRoles.Researcher), "p-" + Guid.NewGuid().ToString("N")[..10], StudyTemplates.Create(StudyTemplates.Demo, title));
    }

    [Fact]
    public async Task TheOwnerSeesTheListBuilderVersionsPreviewAndInstruments()
    {
        var study = await CreateAsync("erin", "Erin's pilot");
        var erin = await platform.ClientAsync("erin", StaffRoles.Researcher);

        var list = await erin.GetStringAsync("/admin/studies");
        var edit = await erin.GetStringAsync($"/admin/studies/{study.Id}/edit");
        var versions = await erin.GetStringAsync($"/admin/studies/{study.Id}/versions");
        var preview = await erin.GetStringAsync($"/admin/studies/{study.Id}/preview");
        var instruments = await erin.GetStringAsync("/admin/instruments");
        var create = await erin.GetStringAsync("/admin/studies/new");

        Assert.Contains("Erin&#x27;s pilot", list);
        Assert.Contains($"/admin/studies/{study.Id}/preview", list);
        Assert.Contains("id=\"study-title\"", edit);
        Assert.Contains("About the whole conversation", edit); // the stage outline (settings open on demand)
        Assert.Contains("There is only one version so far", versions);
        Assert.Contains("Preview — nothing is saved.", preview);
        Assert.Contains("id=\"preview-condition\"", preview);
        Assert.Contains("Attention check", instruments);
        Assert.Contains("Copy of the demo study", create);
    }

    [Fact]
    public async Task AnotherResearcherGetsNoBuilderForTheStudy()
    {
        var study = await CreateAsync("frank", "Frank's secret study");
        var grace = await platform.ClientAsync("grace", StaffRoles.Researcher);

        var list = await grace.GetStringAsync("/admin/studies");
        var edit = await grace.GetAsync($"/admin/studies/{study.Id}/edit");
        var body = await edit.Content.ReadAsStringAsync();

        Assert.DoesNotContain("Frank", list);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Contains("Study not found", body);
        Assert.DoesNotContain("Frank", body);
    }
}

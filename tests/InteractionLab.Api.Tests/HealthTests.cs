using System.Net;
using InteractionLab.Api.Tests.Infrastructure;

namespace InteractionLab.Api.Tests;

public sealed class HealthTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task HealthReportsHealthyWhenTheDatabaseAnswers()
    {
        var response = await platform.Factory.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AliveAnswersWithoutCheckingDependencies()
    {
        var response = await platform.Factory.CreateClient().GetAsync("/alive");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocumentListsTheExportEndpoints()
    {
        var json = await platform.Factory.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/studies/{study}/events", json);
    }
}

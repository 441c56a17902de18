using System.Net;
using System.Text;
using System.Text.Json;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Studies;
using InteractionLab.Domain.Studies;
using Microsoft.Extensions.DependencyInjection;
using InteractionLab.Api.Tests.Infrastructure;

namespace InteractionLab.Api.Tests.Builder;

/// <summary>Decoding settings are checked against the model's context window (the demo model reads 1,024 tokens).</summary>
public sealed class DecodingWindowTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly System.Security.Claims.ClaimsPrincipal Rita = PlatformFixture.User("rita", StaffRoles.Researcher);

    private async Task<EditableStudy> CreateAsync(StudyConfig config)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StudyBuilderService>().CreateAsync(Rita, "w-" + Guid.NewGuid().ToString("N")[..10], config);
    }

    private static StudyConfig WithMaxTokens(StudyConfig c, int maxTokens) =>
        c with { Conditions = c.Conditions.Select(k => k with { Decoding = k.Decoding with { MaxTokens = maxTokens } }).ToList() };

    [Fact]
    public async Task RestRefusesAReplyLongerThanTheDemoModelCanReadWithTheFieldPathAndSavesOneThatFits()
    {
        var client = await platform.ClientAsync("rita", StaffRoles.Researcher);
        var demo = StudyTemplates.Create(StudyTemplates.Demo, "Window");
        var created = await CreateAsync(demo);

        var tooLong = await client.PutAsync($"/api/v1/admin/studies/{created.Id}/config",
            new StringContent(JsonSerializer.Serialize(WithMaxTokens(demo, 1500), ConfigHash.Json), Encoding.UTF8, "application/json"));
        var fits = await client.PutAsync($"/api/v1/admin/studies/{created.Id}/config",
            new StringContent(JsonSerializer.Serialize(WithMaxTokens(demo, 60), ConfigHash.Json), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var errors = JsonDocument.Parse(await tooLong.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        var message = errors.GetProperty("conditions[0].decoding.maxTokens")[0].GetString()!;
        Assert.Contains("reads at most 1024 tokens", message);
        Assert.Contains("1500 new tokens does not fit", message);
        Assert.True(fits.IsSuccessStatusCode, await fits.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ATaskStagesMaxTokensSettingBeyondTheWindowIsRefusedOnThatSetting()
    {
        var demo = StudyTemplates.Create(StudyTemplates.Demo, "Tasks");
        var qa = new StageConfig("qa", StageKind.Task, "Questions",
            Task: new TaskConfig("question-answering", Stimuli: "demo-qa-general", Settings: new Dictionary<string, string> { ["max-tokens"] = "1024" }));
        var config = demo with { Stages = [demo.Stages[0], qa, demo.Stages[^1]] };

        var refused = await Assert.ThrowsAsync<PlatformProblemException>(() => CreateAsync(config));

        Assert.Equal(400, refused.Status);
        Assert.Contains("leaves no room for the prompt", Assert.Single(refused.Errors["stages[1].task.settings.max-tokens"]));
        Assert.DoesNotContain(refused.Errors.Keys, k => k.StartsWith("conditions", StringComparison.Ordinal));
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Studies;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain.Studies;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Builder;

/// <summary>REST answers a config with bad fields as a ValidationProblem keyed by each field's path.</summary>
public sealed class StudyConfigFieldPathTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private async Task<EditableStudy> CreateAsync()
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var builder = scope.ServiceProvider.GetRequiredService<StudyBuilderService>();
        return await builder.CreateAsync(PlatformFixture.User("erin", StaffRoles.Researcher),
            "fp-" + Guid.NewGuid().ToString("N")[..10], StudyTemplates.Create(StudyTemplates.Demo, "Paths"));
    }

    [Fact]
    public async Task AConfigWithTwoBadFieldsIsRefusedWithBothFieldPaths()
    {
        var client = await platform.ClientAsync("erin", StaffRoles.Researcher);
        var created = await CreateAsync();
        var first = created.Config.Conditions[0];
        var bad = created.Config with
        {
            Conditions = [first with { Decoding = first.Decoding with { Temperature = 3, MaxTokens = 0 } }, .. created.Config.Conditions.Skip(1)],
        };

        var response = await client.PutAsync($"/api/v1/admin/studies/{created.Id}/config",
            new StringContent(JsonSerializer.Serialize(bad, ConfigHash.Json), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal($"Condition '{first.Key}': temperature must be between 0 and 2.",
            Assert.Single(errors.GetProperty("conditions[0].decoding.temperature").EnumerateArray()).GetString());
        Assert.Equal($"Condition '{first.Key}': max tokens must be between 1 and 4096.",
            Assert.Single(errors.GetProperty("conditions[0].decoding.maxTokens").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task ABodyThatCannotBeReadNamesTheFieldTheReaderStoppedAt()
    {
        var client = await platform.ClientAsync("erin", StaffRoles.Researcher);
        var created = await CreateAsync();

        var response = await client.PutAsync($"/api/v1/admin/studies/{created.Id}/config",
            new StringContent("{\"title\": \"T\", \"assignment\": {\"abandonAfterMinutes\": \"soon\"}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("assignment.abandonAfterMinutes", out _), errors.ToString());
    }
}

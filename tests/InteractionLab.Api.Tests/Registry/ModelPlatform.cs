using InteractionLab.Api.Data;
using InteractionLab.Api.Seeding;
using InteractionLab.Domain.Studies;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Testing;
using InteractionLab.Testing.LanguageModel;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Registry;

/// <summary>
/// The platform on its own PostgreSQL database with an OpenAI-compatible endpoint in configuration
/// (<c>LanguageModels:Endpoints:lab-config</c>, served by <see cref="HelloModels"/>, which lists gpt-test and hang)
/// besides the in-process engine; tests register more endpoints through the admins' registry.
/// </summary>
public sealed class ModelPlatform : PlatformFixture
{
    /// <summary>Name of the configured endpoint.</summary>
    public const string Configured = "lab-config";

    /// <summary>The external API stand-in.</summary>
    public ScriptedOpenAiServer Api { get; private set; } = null!;

    /// <inheritdoc />
    protected override async Task<IDictionary<string, string?>> StartDependenciesAsync()
    {
        Api = await HelloModels.StartAsync();
        return new Dictionary<string, string?> { [$"LanguageModels:Endpoints:{Configured}:BaseUrl"] = Api.BaseUrl };
    }

    /// <inheritdoc />
    protected override ValueTask StopDependenciesAsync() => Api.DisposeAsync();

    /// <summary>A study owned by <paramref name="owner"/> whose one condition uses <paramref name="endpoint"/>/<paramref name="model"/>.</summary>
    public async Task<Guid> CreateStudyAsync(string owner, StudyStatus status, string endpoint, string model)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var config = DemoStudy.Config();
        config = config with { Conditions = [config.Conditions[0] with { Model = new ModelRef(endpoint, model) }] };
        var study = await PlatformSeeder.CreateStudyAsync(db, "lm" + Guid.NewGuid().ToString("N")[..12], owner, config, status, TimeProvider.System);
        return study.Id;
    }
}

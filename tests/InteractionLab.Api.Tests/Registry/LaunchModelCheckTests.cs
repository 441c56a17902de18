using System.Net;
using System.Net.Http.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Registry;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Studies;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Registry;

/// <summary>
/// The builder's endpoints and the launch rule, on real PostgreSQL with the real in-process engine and an external
/// API stand-in: endpoints registered on the Models page are offered with the models they list, configured ones too
/// (marked), and a study goes live only when every condition's endpoint serves its model.
/// </summary>
public sealed class LaunchModelCheckTests(ModelPlatform platform) : IClassFixture<ModelPlatform>
{
    private ModelRegistryService Registry => platform.Factory.Services.GetRequiredService<ModelRegistryService>();

    private static string Unique(string stem) => stem + Guid.NewGuid().ToString("N")[..8];

    private async Task<string> RegisterAsync(string baseUrl, bool enabled = true) =>
        (await Registry.CreateAsync(StaffMember.Admin, new ModelEndpointInput
        {
            Name = Unique("lab-"), BaseUrl = baseUrl, DefaultModels = "gpt-test", Enabled = enabled, TimeoutSeconds = 5,
        })).Name;

    private async Task<(HttpClient Client, string Name)> ResearcherAsync()
    {
        var name = Unique("r");
        return (await platform.Factory.SignedInClientAsync(StaffRoles.Researcher, name), name);
    }

    private static async Task<ProblemDetails> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!;
    }

    private async Task<StudyStatus> StatusAsync(Guid id)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Studies.Where(s => s.Id == id).Select(s => s.Status).SingleAsync();
    }

    [Fact]
    public async Task TheBuilderOffersRegisteredConfiguredAndInProcessEndpointsWithTheModelsTheyList()
    {
        var registered = await RegisterAsync(platform.Api.BaseUrl);
        var down = await RegisterAsync("http://127.0.0.1:9/v1");

        var endpoints = await platform.Factory.Services.GetRequiredService<IModelCatalog>().GetEndpointsAsync();

        var byName = endpoints.ToDictionary(e => e.Endpoint);
        Assert.Equal((EndpointOrigin.InProcess, true), (byName[LanguageModelOptions.LocalEndpoint].Origin, byName[LanguageModelOptions.LocalEndpoint].Answered));
        Assert.Contains(DemoStudy.ModelId, byName[LanguageModelOptions.LocalEndpoint].Models);
        Assert.Equal(EndpointOrigin.Registry, byName[registered].Origin);
        Assert.Equal(["gpt-test", "hang"], byName[registered].Models);
        Assert.Equal(EndpointOrigin.Configuration, byName[ModelPlatform.Configured].Origin);
        Assert.Equal(["gpt-test", "hang"], byName[ModelPlatform.Configured].Models);
        Assert.False(byName[down].Answered);
        Assert.Contains("could not be reached", byName[down].Problem);
    }

    [Fact]
    public async Task AStudyOnTheInProcessEngineWithAModelItDoesNotServeCannotBeLaunchedUntilTheConditionIsFixed()
    {
        var (client, owner) = await ResearcherAsync();
        var id = await platform.CreateStudyAsync(owner, StudyStatus.Draft, LanguageModelOptions.LocalEndpoint, "gpt-4o");

        var refused = await ProblemAsync(await client.PostAsync($"/api/v1/admin/studies/{id}/launch", null), HttpStatusCode.Conflict);

        Assert.Equal("Study cannot be launched", refused.Title);
        var errors = ((ValidationProblemDetails)refused).Errors;
        var message = Assert.Single(errors["conditions[0].model.model"]);
        Assert.StartsWith("Condition 'warm': the endpoint 'local' does not serve the model 'gpt-4o' (it serves: ", message);
        Assert.Contains(DemoStudy.ModelId, message);
        Assert.Equal(StudyStatus.Draft, await StatusAsync(id));

        // Fixed in the builder (the draft's version is replaced in place), the same study launches.
        var editable = await client.GetFromJsonAsync<EditableStudy>($"/api/v1/admin/studies/{id}/config", ConfigHash.Json);
        var fixedConfig = editable!.Config with { Conditions = [editable.Config.Conditions[0] with { Model = new ModelRef("local", DemoStudy.ModelId) }] };
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"/api/v1/admin/studies/{id}/config", JsonContent.Create(fixedConfig, options: ConfigHash.Json))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/admin/studies/{id}/launch", null)).StatusCode);
        Assert.Equal(StudyStatus.Open, await StatusAsync(id));
    }

    [Fact]
    public async Task ARegisteredEndpointLaunchesWithAModelItListsAndNotWithOneItDoesNot()
    {
        var (client, owner) = await ResearcherAsync();
        var endpoint = await RegisterAsync(platform.Api.BaseUrl);
        var listed = await platform.CreateStudyAsync(owner, StudyStatus.Draft, endpoint, "gpt-test");
        var unlisted = await platform.CreateStudyAsync(owner, StudyStatus.Draft, endpoint, "gpt-4o");
        var configured = await platform.CreateStudyAsync(owner, StudyStatus.Draft, ModelPlatform.Configured, "hang");

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/admin/studies/{listed}/launch", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/admin/studies/{configured}/launch", null)).StatusCode);
        var refused = (ValidationProblemDetails)await ProblemAsync(await client.PostAsync($"/api/v1/admin/studies/{unlisted}/launch", null), HttpStatusCode.Conflict);
        Assert.Equal($"Condition 'warm': the endpoint '{endpoint}' does not serve the model 'gpt-4o' (it serves: gpt-test, hang).",
            Assert.Single(refused.Errors["conditions[0].model.model"]));
        Assert.Equal(StudyStatus.Draft, await StatusAsync(unlisted));
    }

    [Fact]
    public async Task AnUnreachableOrDisabledEndpointStopsTheLaunchAndSaysWhy()
    {
        var (client, owner) = await ResearcherAsync();
        var down = await platform.CreateStudyAsync(owner, StudyStatus.Draft, await RegisterAsync("http://127.0.0.1:9/v1"), "gpt-test");
        var disabled = await platform.CreateStudyAsync(owner, StudyStatus.Draft, await RegisterAsync(platform.Api.BaseUrl, enabled: false), "gpt-test");
        var unknown = await platform.CreateStudyAsync(owner, StudyStatus.Draft, "nowhere", "gpt-test");

        var a = (ValidationProblemDetails)await ProblemAsync(await client.PostAsync($"/api/v1/admin/studies/{down}/launch", null), HttpStatusCode.Conflict);
        var b = (ValidationProblemDetails)await ProblemAsync(await client.PostAsync($"/api/v1/admin/studies/{disabled}/launch", null), HttpStatusCode.Conflict);
        var c = (ValidationProblemDetails)await ProblemAsync(await client.PostAsync($"/api/v1/admin/studies/{unknown}/launch", null), HttpStatusCode.Conflict);

        Assert.Contains("could not be listed: The endpoint could not be reached", Assert.Single(a.Errors["conditions[0].model.endpoint"]));
        Assert.Contains("is disabled in the model registry", Assert.Single(b.Errors["conditions[0].model.endpoint"]));
        Assert.Contains("there is no endpoint 'nowhere'", Assert.Single(c.Errors["conditions[0].model.endpoint"]));
        foreach (var id in new[] { down, disabled, unknown }) Assert.Equal(StudyStatus.Draft, await StatusAsync(id));
    }

    [Fact]
    public async Task AnOpenStudyCannotBeSavedNorAPausedOneResumedWithAModelItsEndpointDoesNotServe()
    {
        var (client, owner) = await ResearcherAsync();
        var open = await platform.CreateStudyAsync(owner, StudyStatus.Open, LanguageModelOptions.LocalEndpoint, DemoStudy.ModelId);
        var paused = await platform.CreateStudyAsync(owner, StudyStatus.Paused, LanguageModelOptions.LocalEndpoint, DemoStudy.ModelId);
        StudyConfig WithGpt4o(EditableStudy s) => s.Config with { Conditions = [s.Config.Conditions[0] with { Model = new ModelRef("local", "gpt-4o") }] };

        var openConfig = (await client.GetFromJsonAsync<EditableStudy>($"/api/v1/admin/studies/{open}/config", ConfigHash.Json))!;
        var save = (ValidationProblemDetails)await ProblemAsync(
            await client.PutAsync($"/api/v1/admin/studies/{open}/config", JsonContent.Create(WithGpt4o(openConfig), options: ConfigHash.Json)), HttpStatusCode.BadRequest);
        Assert.Contains("does not serve the model 'gpt-4o'", Assert.Single(save.Errors["conditions[0].model.model"]));
        Assert.Contains("would go live at once", save.Detail);

        var pausedConfig = (await client.GetFromJsonAsync<EditableStudy>($"/api/v1/admin/studies/{paused}/config", ConfigHash.Json))!;
        Assert.Equal(HttpStatusCode.OK,
            (await client.PutAsync($"/api/v1/admin/studies/{paused}/config", JsonContent.Create(WithGpt4o(pausedConfig), options: ConfigHash.Json))).StatusCode);
        var resume = await ProblemAsync(await client.PostAsync($"/api/v1/admin/studies/{paused}/resume", null), HttpStatusCode.Conflict);
        Assert.Equal("Study cannot be resumed", resume.Title);
        Assert.Equal(StudyStatus.Paused, await StatusAsync(paused));
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Equal(1, await db.StudyVersions.CountAsync(v => v.StudyId == open)); // nothing was saved
    }
}

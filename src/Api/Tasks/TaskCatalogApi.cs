using InteractionLab.Api.Hosting;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InteractionLab.Api.Tasks;

/// <summary>The task catalog as reference for researchers and scripts: <c>GET /api/v1/admin/task-types</c>.</summary>
public static class TaskCatalogApi
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapTaskCatalogApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/admin/task-types", (TaskCatalog catalog) =>
                // The study config's JSON (kebab-case enums), so a default survey can be pasted into a config as is.
                ConfigJsonResults.Of(catalog.All.Select(TaskTypeView.Of).ToList()))
            .WithTags("Task catalog").WithName("ListTaskTypes")
            .WithSummary("Every task type: settings with defaults, event vocabulary, decoding defaults, stimulus format with its demo sets, default survey.")
            .RequireAuthorization(StaffPolicies.Researcher);
        return app;
    }
}

/// <summary>A task type as the catalog describes it.</summary>
/// <param name="Key">Key used in a task stage's <c>type</c>.</param>
/// <param name="Name">Name.</param>
/// <param name="Description">What participants do.</param>
/// <param name="Events">The events it records.</param>
/// <param name="Settings">Its settings with defaults.</param>
/// <param name="Decoding">Decoding defaults of its model calls.</param>
/// <param name="Stimuli">Its stimulus format, or null when it reads none.</param>
/// <param name="DefaultSurvey">The questionnaire proposed after it (built-in instrument <c>task-{key}</c>).</param>
public sealed record TaskTypeView(
    string Key, string Name, string Description, IReadOnlyList<TaskEventType> Events, IReadOnlyList<TaskSetting> Settings,
    DecodingSettings Decoding, StimulusFormatView? Stimuli, SurveyConfig? DefaultSurvey)
{
    /// <summary>The view of <paramref name="type"/>.</summary>
    public static TaskTypeView Of(ITaskType type) => new(type.Key, type.Name, type.Description, type.Events, type.Settings, type.Decoding,
        type.Stimuli is { } f ? new StimulusFormatView(f.Kind, f.Documentation, f.Extensions, f.DemoSets.Select(d => new DemoSetView(d.Key, d.Name)).ToList()) : null,
        type.DefaultSurvey);
}

/// <summary>How a task type's stimuli are uploaded.</summary>
/// <param name="Kind">Kind of set.</param>
/// <param name="Documentation">Accepted files (Markdown).</param>
/// <param name="Extensions">File extensions accepted.</param>
/// <param name="DemoSets">Sets shipped with the project.</param>
public sealed record StimulusFormatView(string Kind, string Documentation, IReadOnlyList<string> Extensions, IReadOnlyList<DemoSetView> DemoSets);

/// <summary>A demo stimulus set.</summary>
/// <param name="Key">Key a stage names.</param>
/// <param name="Name">Name.</param>
public sealed record DemoSetView(string Key, string Name);

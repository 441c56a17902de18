using InteractionLab.Api.ApiKeys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.ConditionResults;

/// <summary>Registers the results query and the metric sources it asks.</summary>
public static class ResultsExtensions
{
    /// <summary>Adds <see cref="StudyResultsQuery"/>, the social-dialogue metrics and the survey metrics (in row order).</summary>
    public static IHostApplicationBuilder AddStudyResults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<StudyResultsQuery>();
        builder.Services.AddStaffOrApiKeyScheme();
        builder.Services.AddScoped<ISessionMetricSource, SurveyMetrics>();
        return builder;
    }
}

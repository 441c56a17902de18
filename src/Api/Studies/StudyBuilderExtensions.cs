using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.Studies;

/// <summary>Registers the study builder's services.</summary>
public static class StudyBuilderExtensions
{
    /// <summary>Adds <see cref="StudyBuilderService"/>, <see cref="SurveyInstrumentService"/>, <see cref="IStudyTaskTypes"/> and the <see cref="IModelCatalog"/> of every endpoint (unless one is registered).</summary>
    public static IHostApplicationBuilder AddStudyBuilder(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<StudyBuilderService>();
        builder.Services.AddScoped<SurveyInstrumentService>();
        builder.Services.AddScoped<IStudyTaskTypes, StudyTaskTypes>();
        builder.Services.TryAddSingleton<IModelCatalog, ModelCatalog>();
        return builder;
    }
}

using InteractionLab.Api.Annotation.Annotators;
using InteractionLab.Api.Annotation.Intake;
using InteractionLab.Api.Annotation.Judges;
using InteractionLab.Api.Annotation.Projects;
using InteractionLab.Api.Annotation.Quality;
using InteractionLab.Api.Annotation.Queue;
using InteractionLab.Api.Annotation.Review;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.Annotation;

/// <summary>Registers third-party annotation: intake hook and sweep, the queue, projects, quality, review and exports.</summary>
public static class AnnotationExtensions
{
    /// <summary>Adds the annotation services (singletons; each operation makes its own context from the factory).</summary>
    public static IHostApplicationBuilder AddAnnotation(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AnnotationOptions>().BindConfiguration(AnnotationOptions.Section);
        services.AddSingleton<ItemIntake>();
        services.AddSingleton<AnnotationIntakeInterceptor>();
        services.ConfigureDbContext<PlatformDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<AnnotationIntakeInterceptor>()),
            ServiceLifetime.Singleton);
        services.AddSingleton<IItemPicker>(sp => sp.GetRequiredService<PlatformDatabase>().Provider == DatabaseProvider.Postgres
            ? new PostgresItemPicker() : new SqliteItemPicker());
        services.AddSingleton<CrowdCompletion>();
        services.AddSingleton<AnnotationQueue>();
        services.AddSingleton<AnnotationSubmissions>();
        services.AddSingleton<AnnotationProjects>();
        services.AddSingleton<ProjectItems>();
        services.AddSingleton<AnnotatorDirectory>();
        services.AddSingleton<AnnotatorExclusion>();
        services.AddSingleton<AgreementReport>();
        services.AddSingleton<JudgeAgreement>();
        services.AddSingleton<FirstThirdPartyComparison>();
        services.AddSingleton<AnnotationJudge>();
        services.AddSingleton<JudgeSamples>();
        services.AddSingleton<AnnotatorQuality>();
        services.AddSingleton<ReviewQueue>();
        services.AddHostedService<AnnotationSweep>();
        services.AddStaffOrApiKeyScheme();
        services.AddAuthorizationBuilder().AddPolicy(AnnotationPolicies.Reviewer, p => p
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireRole(StaffRoles.Admin, StaffRoles.Reviewer, StaffRoles.Researcher));
        return builder;
    }
}

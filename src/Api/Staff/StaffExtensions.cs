using InteractionLab.Api.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.Staff;

/// <summary>Registers what staff pages and endpoints need: role policies, study access and the audit log.</summary>
public static class StaffExtensions
{
    /// <summary>Adds the staff policies, <see cref="IStudyAccess"/> and <see cref="AuditLog"/>.</summary>
    public static IHostApplicationBuilder AddStaff(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<IStudyAccess, OwnerStudyAccess>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Admin, p => p.RequireRole(StaffRoles.Admin))
            .AddPolicy(StaffPolicies.Researcher, p => p.RequireRole(StaffRoles.Admin, StaffRoles.Researcher))
            .AddPolicy(StaffPolicies.Annotator, p => p.RequireRole(StaffRoles.Admin, StaffRoles.Reviewer, StaffRoles.Annotator));
        return builder;
    }
}

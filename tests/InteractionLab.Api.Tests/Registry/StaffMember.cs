using System.Security.Claims;
using InteractionLab.Api.Staff;

namespace InteractionLab.Api.Tests.Registry;

/// <summary>Signed-in staff members as the services see them (the principal the pages pass on from the Identity cookie).</summary>
public static class StaffMember
{
    public static ClaimsPrincipal Admin { get; } = Of("ada", StaffRoles.Admin);
    public static ClaimsPrincipal Researcher(string name = "tester") => Of(name, StaffRoles.Researcher);

    public static ClaimsPrincipal Of(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));
}

using System.Net;
using System.Net.Http.Json;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Tests.Staff;

/// <summary>
/// Every admin route (<see cref="AdminRoutes"/>) against every role: anonymous visitors are sent to the sign-in
/// form, signed-in staff without the role to the denied page, the others get the page. API routes answer
/// 401/403 ProblemDetails instead of redirecting.
/// </summary>
public sealed class AuthorizationMatrixTests(StaffFixture staff) : IClassFixture<StaffFixture>
{
    /// <summary>Stands for a client with no staff cookie.</summary>
    public const string Anonymous = "anonymous";

    private static readonly string[] Roles = [Anonymous, .. StaffRoles.All];

    public static TheoryData<string, string> Pages()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in AdminRoutes.Tested)
            foreach (var role in Roles) data.Add(route.Path, role);
        return data;
    }

    public static TheoryData<string, string> ApiRoutes()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in AdminRoutes.Api)
            foreach (var role in Roles) data.Add(route.Path, role);
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task APageOpensOnlyForTheRolesItIsFor(string route, string role)
    {
        var access = AdminRoutes.Tested.Single(r => r.Path == route).Access;
        var path = staff.Resolve(route);

        using var response = await staff.ClientFor(role).GetAsync(path);

        if (role == Anonymous)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/admin/login?returnUrl=" + Uri.EscapeDataString(path), PathAndQuery(response));
        }
        else if (!access.Allows(role))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/admin/denied", PathAndQuery(response), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("<h1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(ApiRoutes))]
    public async Task AnApiRouteAnswersProblemDetailsInsteadOfRedirecting(string route, string role)
    {
        var access = AdminRoutes.Api.Single(r => r.Path == route).Access;

        using var response = await staff.ClientFor(role).GetAsync(staff.Resolve(route));

        var expected = role == Anonymous ? HttpStatusCode.Unauthorized : access.Allows(role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK) return;
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal((int)expected, problem!.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
    }

    [Theory]
    [InlineData("launch")]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("close")]
    public async Task TheLifecycleApiAnswersProblemDetailsToWhoeverMayNotChangeTheStudy(string action)
    {
        var path = $"/api/v1/admin/studies/{staff.ResearcherStudy}/{action}";
        using var otherResearcher = await staff.Platform.Factory.SignedInClientAsync(StaffRoles.Researcher);

        using var anonymous = await staff.ClientFor(Anonymous).PostAsync(path, null);
        using var annotator = await staff.ClientFor(StaffRoles.Annotator).PostAsync(path, null);
        using var foreign = await otherResearcher.PostAsync(path, null);

        await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        await AssertProblemAsync(annotator, HttpStatusCode.Forbidden);
        await AssertProblemAsync(foreign, HttpStatusCode.NotFound);
        await using var scope = staff.Platform.Scope(out var db);
        Assert.Equal(StudyStatus.Draft, (await db.Studies.SingleAsync(s => s.Id == staff.ResearcherStudy)).Status);
    }

    [Fact]
    public async Task TheDeniedPageExplainsWhatToDo()
    {
        var html = await staff.ClientFor(StaffRoles.Annotator).GetStringAsync("/admin/denied");
        Assert.Contains("ask an admin", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLandingPageLinksOnlyWhatTheRoleMayOpen()
    {
        var annotator = await staff.ClientFor(StaffRoles.Annotator).GetStringAsync("/admin");
        var researcher = await staff.ClientFor(StaffRoles.Researcher).GetStringAsync("/admin");
        var admin = await staff.ClientFor(StaffRoles.Admin).GetStringAsync("/admin");

        Assert.DoesNotContain("href=\"/admin/studies\"", annotator, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/users\"", annotator, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/studies\"", researcher, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/models/usage\"", researcher, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/models/usage\"", annotator, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/users\"", researcher, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/users\"", admin, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/audit\"", admin, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/jobs\"", admin, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/jobs\"", researcher, StringComparison.Ordinal);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal((int)expected, problem!.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
    }

    private static string PathAndQuery(HttpResponseMessage response)
    {
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }
}

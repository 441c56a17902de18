using System.Security.Claims;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace InteractionLab.Api.Exports;

/// <summary>
/// What every export endpoint of a study binds (<c>[AsParameters]</c>): the study by id or slug, the time filter, the
/// format, whether simulated sessions are included, and who asks. The cursor (<c>?after=</c>) is a parameter of the
/// exports that read it (turns, events, surveys), so OpenAPI lists it only there.
/// </summary>
/// <param name="Study">Study id or slug.</param>
/// <param name="Since">Only records after this time.</param>
/// <param name="Format">jsonl (default) or csv.</param>
/// <param name="IncludeSimulated">Whether simulated (pilot) sessions are included.</param>
/// <param name="User">Who asks.</param>
/// <param name="Db">The request's context.</param>
/// <param name="Access">Which studies the caller may read.</param>
/// <param name="Response">Where the cursor header goes.</param>
/// <param name="Cancellation">The request's cancellation.</param>
public sealed record ExportRequest(
    // Named as the query and the route spell them, so OpenAPI lists the names a client sends (binding ignores case).
    [FromRoute(Name = "study")] string Study, [FromQuery(Name = "since")] DateTimeOffset? Since, [FromQuery(Name = "format")] string? Format,
    [FromQuery(Name = "includeSimulated")] bool? IncludeSimulated,
    ClaimsPrincipal User, PlatformDbContext Db, IStudyAccess Access, HttpResponse Response, CancellationToken Cancellation)
{
    /// <summary>Whether simulated sessions are included.</summary>
    public bool Simulated => IncludeSimulated == true;

    /// <summary>The study, if the caller may read it (see <see cref="ExportApi.ResolveAsync"/>).</summary>
    public Task<(Guid StudyId, string Slug, bool RevealIds)> ResolveAsync() => ExportApi.ResolveAsync(Study, User, Db, Access, Cancellation);
}

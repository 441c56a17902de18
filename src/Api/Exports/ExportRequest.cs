using System.Security.Claims;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Http;

namespace InteractionLab.Api.Exports;

/// <summary>
/// What every export endpoint of a study binds (<c>[AsParameters]</c>): the study by id or slug, the time and cursor
/// filters, the format, whether simulated sessions are included, and who asks.
/// </summary>
/// <param name="Study">Study id or slug.</param>
/// <param name="Since">Only records after this time.</param>
/// <param name="After">The cursor of an incremental pull (<see cref="ExportCursor"/>).</param>
/// <param name="Format">jsonl (default) or csv.</param>
/// <param name="IncludeSimulated">Whether simulated (pilot) sessions are included.</param>
/// <param name="User">Who asks.</param>
/// <param name="Db">The request's context.</param>
/// <param name="Access">Which studies the caller may read.</param>
/// <param name="Response">Where the cursor header goes.</param>
/// <param name="Cancellation">The request's cancellation.</param>
public sealed record ExportRequest(
    string Study, DateTimeOffset? Since, string? After, string? Format, bool? IncludeSimulated,
    ClaimsPrincipal User, PlatformDbContext Db, IStudyAccess Access, HttpResponse Response, CancellationToken Cancellation)
{
    /// <summary>Whether simulated sessions are included.</summary>
    public bool Simulated => IncludeSimulated == true;

    /// <summary>The study, if the caller may read it (see <see cref="ExportApi.ResolveAsync"/>).</summary>
    public Task<(Guid StudyId, string Slug, bool RevealIds)> ResolveAsync() => ExportApi.ResolveAsync(Study, User, Db, Access, Cancellation);
}

using System.Security.Claims;
using System.Text;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.ConditionResults;

/// <summary>
/// <c>GET /api/v1/studies/{id}/results.csv</c>: the results table as CSV, one line per metric and condition
/// (<c>group,metric,label,kind,condition,n,mean,se</c>), for an export API key or a signed-in researcher/admin
/// who may see the study. <c>?includeSimulated=true</c> and <c>?includeIncomplete=true</c> as on the page.
/// </summary>
public static class StudyResultsApi
{
    /// <summary>The CSV header line.</summary>
    public const string Header = "group,metric,label,kind,condition,n,mean,se";

    /// <summary>Maps the CSV endpoint.</summary>
    public static IEndpointRouteBuilder MapStudyResultsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/studies/{id:guid}/results.csv", DownloadAsync)
            .WithTags("Exports").WithName("StudyResultsCsv")
            .WithSummary("Per condition mean ± SE of every metric and survey item as CSV (export API key or staff cookie).")
            .Produces(200, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Checks who asks, then writes the CSV.</summary>
    public static async Task<IResult> DownloadAsync(Guid id, bool? includeSimulated, bool? includeIncomplete,
        HttpContext http, PlatformDbContext db, IStudyAccess access, StudyResultsQuery results, CancellationToken ct)
    {
        // Either credential may be presented, and each scheme answers a refusal in its own way; the policies name
        // one scheme each, so the two are authenticated here explicitly instead.
        var options = new ResultsOptions(includeSimulated == true, includeIncomplete == true);
        var key = await http.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
        Study study;
        if (key.Succeeded && key.Principal.HasClaim(ApiKeyScopes.ScopeClaim, ApiKeyScopes.Export))
        {
            if (key.Principal.FindFirst(ApiKeyScopes.StudyClaim)?.Value is { } bound && bound != id.ToString())
                return TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "This API key is limited to another study.");
            study = await db.Studies.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct)
                ?? throw new PlatformProblemException(404, "Study not found", $"There is no study '{id}'.");
        }
        else
        {
            var staff = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
            if (!staff.Succeeded)
                return TypedResults.Problem(statusCode: 401, title: "Sign-in required",
                    detail: key.Failure?.Message ?? "Sign in to the admin area or send an API key with the export scope.");
            if (!staff.Principal.IsInRole(StaffRoles.Admin) && !staff.Principal.IsInRole(StaffRoles.Researcher))
                return TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "Your role does not allow this.");
            study = await access.GetVisibleAsync(db, staff.Principal, id, ct);
        }
        var table = await results.ComputeAsync(study, options, ct);
        return TypedResults.Text(ToCsv(table), "text/csv; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>The table as CSV (RFC 4180 quoting; numbers invariant; empty where undefined).</summary>
    public static string ToCsv(StudyResults results)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var row in results.Rows)
            foreach (var cell in row.Cells)
                csv.AppendJoin(',', Quote(row.Metric.Group), Quote(row.Metric.Key), Quote(row.Metric.Label),
                        row.Metric.Kind.ToString().ToLowerInvariant(), Quote(cell.Condition), cell.N.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Plain(cell.Mean), Plain(cell.StandardError))
                    .Append("\r\n");
        return csv.ToString();
    }

    private static string Plain(double value) => double.IsNaN(value) ? "" : value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}

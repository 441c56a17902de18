using System.Text;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Data;
using InteractionLab.Api.Exports;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

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
            .Produces<string>(200, "text/csv")
            .RequireAuthorization(StaffOrApiKey.ReadPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Writes the CSV of a study the caller may see (the policy has checked who asks).</summary>
    public static async Task<ContentHttpResult> DownloadAsync(Guid id, bool? includeSimulated, bool? includeIncomplete,
        HttpContext http, PlatformDbContext db, IStudyAccess access, StudyResultsQuery results, CancellationToken ct)
    {
        var options = new ResultsOptions(includeSimulated == true, includeIncomplete == true);
        var study = await access.GetStudyAsync(db, http.User, id, manage: false, ct);
        var table = await results.ComputeAsync(study, options, ct);
        return TypedResults.Text(ToCsv(table), "text/csv; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>The table as CSV (cells written by <see cref="CsvCell"/>: RFC 4180 quoting, formulas neutralised, numbers invariant).</summary>
    public static string ToCsv(StudyResults results)
    {
        var csv = new StringBuilder(Header).Append(CsvCell.LineEnd);
        foreach (var row in results.Rows)
            foreach (var cell in row.Cells)
                csv.Append(CsvCell.Line(CsvCell.Text(row.Metric.Group), CsvCell.Text(row.Metric.Key), CsvCell.Text(row.Metric.Label),
                    CsvCell.Text(row.Metric.Kind.ToString().ToLowerInvariant()), CsvCell.Text(cell.Condition), CsvCell.Number(cell.N),
                    CsvCell.Number(cell.Mean), CsvCell.Number(cell.StandardError)));
        return csv.ToString();
    }
}

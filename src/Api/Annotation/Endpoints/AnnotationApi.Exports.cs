using System.Security.Claims;
using InteractionLab.Api.Annotation.Annotators;
using InteractionLab.Api.Annotation.Exports;
using InteractionLab.Api.Annotation.Quality;
using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Data;
using InteractionLab.Api.Exports;
using InteractionLab.Api.Hosting;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Endpoints;

public static partial class AnnotationApi
{
    private static void MapExports(RouteGroupBuilder api)
    {
        api.MapGet("/annotations", RatingsAsync).ProducesExport()
            .Documented("ExportAnnotations", "Third-party ratings (id > ?after=) as JSON Lines, or CSV with ?format=csv; pseudonymous item and annotator ids, excluded annotators flagged.");
        api.MapGet("/adjudications", AdjudicationsAsync).ProducesExport()
            .Documented("ExportAdjudications", "Reviewers' adjudicated values (id > ?after=) as JSON Lines, or CSV with ?format=csv.");
        api.MapGet("/ratings", JoinedRatingsAsync).ProducesExport()
            .Documented("ExportRatings", "Every rating in one record, one row per (session or item, rater, question): participants' own, annotators', LM judges' and adjudicated values, with condition and config hash; JSON Lines, or CSV with ?format=csv; simulated sessions only with ?includeSimulated=true.");
        api.MapGet("/ratings/comparison", ComparisonAsync).Produces<RatingComparison>().ProducesExport()
            .Documented("CompareRatingSources", "First- vs third-party ratings per condition, as on the results page: per question the participants', annotators' and LM judges' mean ± SE and alpha (participant vs annotators' aggregate) with its 95% bootstrap interval; JSON, or one line per question, condition and source with ?format=csv or jsonl; ?includeSimulated=true and ?includeIncomplete=true as on the results page.");
    }

    private static void MapCrowd(IEndpointRouteBuilder app) =>
        app.MapPost("/a/{slug}/start", StartCrowdAsync).WithName("StartCrowdAnnotation")
            .WithSummary("Starts or resumes a crowd worker from the project's link (Prolific or MTurk ids as for studies), sets the cookie and redirects (303).")
            .WithTags("Annotation")
            // Read by hand like the study consent form: the static landing page posts it without an antiforgery round trip.
            .DisableAntiforgery().ExcludeFromDescription();

    private static async Task<PushStreamHttpResult> RatingsAsync(Guid studyId, long? after, string? format, ClaimsPrincipal user, PlatformDbContext db,
        IStudyAccess access, CancellationToken ct)
    {
        await access.GetStudyAsync(db, user, studyId, manage: false, ct);
        return AnnotationExports.WriteRatings(AnnotationExports.Ratings(db, studyId, after), format);
    }

    private static async Task<PushStreamHttpResult> JoinedRatingsAsync(Guid studyId, string? format, bool? includeSimulated, ClaimsPrincipal user, PlatformDbContext db,
        IStudyAccess access, CancellationToken ct)
    {
        await access.GetStudyAsync(db, user, studyId, manage: false, ct);
        return ExportFile.Stream(JoinedRatings.RowsAsync(db, studyId, includeSimulated == true), JoinedRatings.Write, format);
    }

    private static async Task<Results<ConfigJson<RatingComparison>, PushStreamHttpResult>> ComparisonAsync(Guid studyId, string? format, bool? includeSimulated,
        bool? includeIncomplete, ClaimsPrincipal user, PlatformDbContext db, IStudyAccess access, StudyResultsQuery results, FirstThirdPartyComparison comparisons,
        CancellationToken ct)
    {
        await access.GetStudyAsync(db, user, studyId, manage: false, ct);
        var counted = results.Counted(studyId, new ResultsOptions(includeSimulated == true, includeIncomplete == true));
        var sessions = (await counted.Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        // The results table's columns without computing the whole table: the counted sessions' conditions, by key.
        var conditions = (await counted.Select(s => s.ConditionKey).Distinct().ToListAsync(ct)).Order(StringComparer.Ordinal).ToList();
        var comparison = await comparisons.ComputeAsync(studyId, sessions, conditions, ct: ct);
        return format is null or "" or "json" ? ConfigJsonResults.Of(comparison)
            : ExportFile.Stream(ComparisonRow.Of(comparison), ComparisonRow.Write, format);
    }

    private static async Task<PushStreamHttpResult> AdjudicationsAsync(Guid studyId, long? after, string? format, ClaimsPrincipal user, PlatformDbContext db,
        IStudyAccess access, CancellationToken ct)
    {
        await access.GetStudyAsync(db, user, studyId, manage: false, ct);
        return AnnotationExports.WriteAdjudications(AnnotationExports.Adjudications(db, studyId, after), format);
    }

    /// <summary>The crowd link's start form: ids from the query or hidden fields, as the study consent reads them.</summary>
    public static async Task<StatusCodeHttpResult> StartCrowdAsync(string slug, HttpContext http, AnnotatorDirectory directory, CancellationToken ct)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        string? Id(string name) => http.Request.Query[name].ToString() is { Length: > 0 } q ? q : form?[name].ToString() is { Length: > 0 } f ? f : null;
        var link = new ParticipantLink(new ProlificIds(Id("PROLIFIC_PID"), Id("STUDY_ID"), Id("SESSION_ID")),
            new MTurkIds(Id("workerId"), Id("assignmentId"), Id("hitId")), new Dictionary<string, string>());
        var path = $"/a/{Uri.EscapeDataString(slug)}";
        try
        {
            var annotator = await directory.StartCrowdAsync(slug, link, AnnotatorCookie.Read(http.Request), ct);
            AnnotatorCookie.Set(http.Response, annotator);
            http.Response.Headers.Location = path + "/work";
        }
        catch (PlatformProblemException e) when (e.Status is 400 or 409)
        {
            // A browser's form post would otherwise show raw JSON: the landing page says what happened.
            http.Response.Headers.Location = path + "?problem=" + Uri.EscapeDataString(e.Detail);
        }
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }
}

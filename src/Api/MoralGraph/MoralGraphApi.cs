using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.MoralGraph.Values;
using InteractionLab.Api.MoralGraph.Hypotheses;
using System.Security.Claims;
using InteractionLab.Domain.MoralGraph;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InteractionLab.Api.MoralGraph;

/// <summary>
/// <c>POST /api/v1/studies/{id}/imports/moral-graph</c> and <c>GET /api/v1/studies/{id}/moral-graph</c>, for
/// researchers signed in (staff cookie) or scripts with an API key (scope <c>import</c> to import, <c>export</c> to read).
/// </summary>
public static class MoralGraphApi
{
    /// <summary>Maps the two endpoints.</summary>
    public static IEndpointRouteBuilder MapMoralGraphApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/studies/{id:guid}").WithTags("Moral graph")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/imports/moral-graph", ImportAsync).RequireAuthorization(StaffOrApiKey.ImportPolicy)
            .Accepts<object>("application/json").Produces<MoralGraphImportSummary>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("ImportMoralGraph")
            .WithSummary("Imports values cards and individual wiser-than votes (format: src/Domain/MoralGraph/README.md) or an exported graph JSON; invalid items are skipped and listed.");
        api.MapGet("/moral-graph", GraphAsync).RequireAuthorization(StaffOrApiKey.ReadPolicy)
            .Produces<MoralGraphDocument>(contentType: "application/json")
            .WithName("GetMoralGraph")
            .WithSummary("The moral graph (values by rank, kept edges) for ?question=&from=&to=&batch=, with thresholds ?minVotes=&minAgreement=&maxEntropy=.");
        app.MapValuesApi();
        app.MapHypothesisApi();
        return app;
    }

    private static async Task<IResult> ImportAsync(Guid id, HttpRequest request, ClaimsPrincipal user, MoralGraphService graphs, CancellationToken ct)
    {
        if (request.HasFormContentType || request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == false)
            throw PlatformProblemException.BadInput($"Send the file as 'application/json', not '{request.ContentType}'.");
        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(json)) throw PlatformProblemException.BadInput("The request body is empty; send the import file as JSON.");
        return TypedResults.Ok(await graphs.ImportAsync(user, id, json, ct));
    }

    private static async Task<IResult> GraphAsync(Guid id, string? question, DateTimeOffset? from, DateTimeOffset? to, string? batch,
        int? minVotes, double? minAgreement, double? maxEntropy, ClaimsPrincipal user, MoralGraphService graphs, CancellationToken ct)
    {
        var filter = Filter(question, from, to, batch);
        var thresholds = Thresholds(minVotes, minAgreement, maxEntropy);
        var graph = await graphs.BuildAsync(user, id, filter, thresholds, ct);
        return Results.Text(MoralGraphService.ExportJson(graph), "application/json");
    }

    /// <summary>The filter for the query parameters; blank texts mean "no restriction". Throws a 400 problem for an empty window.</summary>
    public static MoralGraphFilter Filter(string? question, DateTimeOffset? from, DateTimeOffset? to, string? batch)
    {
        if (from is { } f && to is { } t && t <= f)
            throw PlatformProblemException.BadInput($"'to' ({t:O}) must be after 'from' ({f:O}); the window is [from, to).");
        return new MoralGraphFilter(string.IsNullOrWhiteSpace(question) ? null : question, from, to, string.IsNullOrWhiteSpace(batch) ? null : batch);
    }

    /// <summary>The thresholds for the query parameters (defaults where absent). Throws a 400 problem for values out of range.</summary>
    public static GraphThresholds Thresholds(int? minVotes, double? minAgreement, double? maxEntropy)
    {
        var d = GraphThresholds.Default;
        var errors = new Dictionary<string, string[]>();
        if (minVotes is < 0) errors["minVotes"] = ["'minVotes' must be 0 or more."];
        if (minAgreement is { } a && (a < -1 || a > 1 || double.IsNaN(a))) errors["minAgreement"] = ["'minAgreement' is a wiser likelihood between -1 and 1."];
        if (maxEntropy is { } e && (e < 0 || e > 2 || double.IsNaN(e))) errors["maxEntropy"] = ["'maxEntropy' is in bits, between 0 and 2."];
        if (errors.Count > 0) throw PlatformProblemException.BadInput(string.Join(" ", errors.Values.SelectMany(v => v)), errors);
        return new GraphThresholds(minVotes ?? d.MinWiserVotes, minAgreement ?? d.MinWiserLikelihood, maxEntropy ?? d.MaxEntropy);
    }
}

using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.MoralGraph.Values;
using InteractionLab.Api.MoralGraph.Hypotheses;
using System.Security.Claims;
using InteractionLab.Domain.MoralGraph;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
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
            .Accepts<System.Text.Json.JsonElement>("application/json")
            .WithName("ImportMoralGraph")
            .WithSummary("Imports values cards and wiser-than votes — this platform's import format, a graph JSON exported here, or the original Moral Graph Elicitation platform's tables or graph JSON — appending to the study's values; invalid items are skipped and listed.");
        api.MapGet("/moral-graph", GraphAsync).RequireAuthorization(StaffOrApiKey.ReadPolicy)
            .Produces<MoralGraphDocument>(contentType: "application/json")
            .WithName("GetMoralGraph")
            .WithSummary("The moral graph (values by rank, kept edges) for ?question=&context=&from=&to=&batch=, with ?minVotes=&minAgreement=&maxEntropy= (published 2 / 0.33 / 1.69), ?values=connected|all, ?entropy=published|fourCounts, ?ranking=published|wiser; unknown parameters are refused.");
        app.MapValuesApi();
        app.MapHypothesisApi();
        return app;
    }

    private static async Task<Ok<MoralGraphImportSummary>> ImportAsync(Guid id, HttpRequest request, ClaimsPrincipal user, MoralGraphService graphs, CancellationToken ct)
    {
        if (request.HasFormContentType || request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == false)
            throw PlatformProblemException.BadInput($"Send the file as 'application/json', not '{request.ContentType}'.");
        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(json)) throw PlatformProblemException.BadInput("The request body is empty; send the import file as JSON.");
        return TypedResults.Ok(await graphs.ImportAsync(user, id, json, ct));
    }

    private static async Task<ContentHttpResult> GraphAsync(Guid id, string? question, string? context, DateTimeOffset? from, DateTimeOffset? to,
        string? batch, int? minVotes, double? minAgreement, double? maxEntropy, string? values, string? entropy, string? ranking,
        HttpRequest request, ClaimsPrincipal user, MoralGraphService graphs, CancellationToken ct)
    {
        MoralGraphQuery.RejectUnknown(request.Query);
        var filter = MoralGraphQuery.Filter(question, from, to, batch, context);
        var options = MoralGraphQuery.Options(minVotes, minAgreement, maxEntropy, values, entropy, ranking);
        var graph = await graphs.BuildAsync(user, id, filter, options, ct);
        // Written by the graph's own exporter: the published graph JSON, field names and all.
        return TypedResults.Text(MoralGraphService.ExportJson(graph), "application/json");
    }
}

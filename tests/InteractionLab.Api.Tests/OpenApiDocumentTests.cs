using System.Text.Json;
using InteractionLab.Api.Tests.Infrastructure;

namespace InteractionLab.Api.Tests;

/// <summary>The OpenAPI document describes the admin and study APIs well enough to write a client from it.</summary>
public sealed class OpenApiDocumentTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly string[] Documented = ["/api/v1/admin/", "/api/v1/studies/"];
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    // Operations that take no body: the path and the query say everything.
    private static readonly HashSet<string> WithoutBody =
    [
        "POST /api/v1/admin/studies/{id}/launch", "POST /api/v1/admin/studies/{id}/pause",
        "POST /api/v1/admin/studies/{id}/resume", "POST /api/v1/admin/studies/{id}/close",
        "POST /api/v1/admin/studies/{id}/values/cards/{cardId}/split",
    ];

    private static async Task<List<(string Operation, JsonElement Definition)>> OperationsAsync(HttpClient client)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var found = new List<(string, JsonElement)>();
        foreach (var path in doc.RootElement.GetProperty("paths").EnumerateObject().Where(p => Documented.Any(p.Name.StartsWith)))
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
                found.Add(($"{method.Name.ToUpperInvariant()} {path.Name}", method.Value.Clone()));
        return found;
    }

    private static bool HasSchema(JsonElement holder) =>
        holder.TryGetProperty("content", out var content) && content.EnumerateObject().Any(m => m.Value.TryGetProperty("schema", out _));

    [Fact]
    public async Task EveryAdminAndStudyOperationDeclaresTheSchemaOfItsSuccessfulAnswer()
    {
        var operations = await OperationsAsync(platform.Factory.CreateClient());

        Assert.Contains(operations, o => o.Operation == "PUT /api/v1/admin/studies/{id}/config");
        Assert.Contains(operations, o => o.Operation == "GET /api/v1/studies/{study}/events");
        var missing = operations.Where(o =>
        {
            var success = o.Definition.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
            // 204 No Content has no body to describe.
            return success.Count == 0 || success.Any(r => r.Name != "204" && !HasSchema(r.Value));
        }).Select(o => o.Operation).ToList();
        Assert.True(missing.Count == 0, "Missing: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task EveryAdminAndStudyOperationThatTakesABodyDeclaresItsSchema()
    {
        var operations = await OperationsAsync(platform.Factory.CreateClient());

        var missing = operations
            .Where(o => !o.Operation.StartsWith("GET ", StringComparison.Ordinal) && !o.Operation.StartsWith("DELETE ", StringComparison.Ordinal))
            .Where(o => !WithoutBody.Contains(o.Operation))
            .Where(o => !(o.Definition.TryGetProperty("requestBody", out var body) && HasSchema(body)))
            .Select(o => o.Operation).ToList();
        Assert.True(missing.Count == 0, "Missing: " + string.Join(", ", missing));
    }
}

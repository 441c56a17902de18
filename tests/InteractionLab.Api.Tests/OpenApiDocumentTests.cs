using System.Text.Json;
using System.Text.Json.Nodes;
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

    [Fact]
    public async Task AConfigFormatAnswerDescribesItsEnumsAsTheKebabCaseNamesItSends()
    {
        var researcher = await platform.ClientAsync("openapi-researcher");
        var templates = JsonNode.Parse(await researcher.GetStringAsync($"/api/v1/admin/studies/{Guid.NewGuid()}/annotation/templates"))!.AsArray();
        var sent = templates.SelectMany(t => t!["config"]!["form"]!["items"]!.AsArray()).Select(i => i!["kind"]!.GetValue<string>()).ToHashSet();
        Assert.Contains("yes-no", sent);

        using var doc = JsonDocument.Parse(await researcher.GetStringAsync("/openapi/v1.json"));
        var answer = Operation(doc, "ListAnnotationTemplates").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var kind = Follow(doc, answer, "[]", "config", "form", "items", "[]", "kind");

        Assert.True(kind.TryGetProperty("enum", out var values), "No enum values: " + kind);
        var declared = values.EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).ToList();
        Assert.All(declared, v => Assert.Equal(JsonValueKind.String, v.ValueKind));
        Assert.Subset(declared.Select(v => v.GetString()!).ToHashSet(), sent);
        Assert.DoesNotContain("integer", kind.GetProperty("type").ToString());
    }

    [Fact]
    public async Task AnEnumThatARestAnswerSendsAsANumberStaysANumberThereWhileConfigAnswersShowItsNames()
    {
        using var doc = JsonDocument.Parse(await platform.Factory.CreateClient().GetStringAsync("/openapi/v1.json"));

        // The lifecycle actions answer in the REST JSON (status 1 for open); the studies list in the config JSON ("open").
        var launched = Operation(doc, "LaunchStudy").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal("integer", Follow(doc, launched, "status").GetProperty("type").GetString());
        var listed = Operation(doc, "ListStudies").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Contains("open", Follow(doc, listed, "[]", "status").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
    }

    [Theory]
    [InlineData("CreateStudy", "201")]
    [InlineData("CreateAnnotationProject", "201")]
    [InlineData("StartAnnotationJudge", "202")]
    public async Task AConfigFormatAnswerDeclaresOnlyTheSuccessStatusItSends(string operationId, string status)
    {
        using var doc = JsonDocument.Parse(await platform.Factory.CreateClient().GetStringAsync("/openapi/v1.json"));

        var success = Operation(doc, operationId).GetProperty("responses").EnumerateObject().Select(r => r.Name).Where(r => r.StartsWith('2'));
        Assert.Equal([status], success);
    }

    [Theory]
    [InlineData("ExportSessions", "format,includeSimulated,since,study")]
    [InlineData("ExportTurns", "after,format,includeSimulated,since,study")]
    [InlineData("ExportEvents", "after,format,includeSimulated,since,study")]
    [InlineData("ExportSurveys", "after,format,includeSimulated,since,study")]
    [InlineData("ExportRecruitmentCsv", "includeSimulated,study")]
    public async Task EachExportDeclaresOnlyTheParametersItReads(string operationId, string parameters)
    {
        using var doc = JsonDocument.Parse(await platform.Factory.CreateClient().GetStringAsync("/openapi/v1.json"));

        var declared = Operation(doc, operationId).GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() is "query" or "path").Select(p => p.GetProperty("name").GetString()!).Order(StringComparer.Ordinal);
        Assert.Equal(parameters, string.Join(',', declared));
    }

    private static JsonElement Operation(JsonDocument doc, string operationId) =>
        doc.RootElement.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject())
            .Single(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("operationId", out var id) && id.GetString() == operationId).Value;

    // Walks a schema: "[]" steps into an array's items, a name into that property; references and nullable wrappers
    // (oneOf/anyOf with a null member) are followed on the way.
    private static JsonElement Follow(JsonDocument doc, JsonElement schema, params string[] path)
    {
        schema = Resolve(doc, schema);
        foreach (var step in path)
            schema = Resolve(doc, step == "[]" ? schema.GetProperty("items") : schema.GetProperty("properties").GetProperty(step));
        return schema;
    }

    private static JsonElement Resolve(JsonDocument doc, JsonElement schema)
    {
        while (true)
        {
            if (schema.TryGetProperty("$ref", out var reference))
                schema = doc.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
            else if (schema.TryGetProperty("oneOf", out var alternatives) || schema.TryGetProperty("anyOf", out alternatives))
                schema = alternatives.EnumerateArray().First(a => !(a.TryGetProperty("type", out var t) && t.ToString() == "null"));
            else
                return schema;
        }
    }
}

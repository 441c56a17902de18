using System.Text.Json;
using InteractionLab.Inference.Api;
using InteractionLab.Inference.Engine;
using Microsoft.Extensions.AI;

namespace InteractionLab.Inference;

/// <summary>Maps the OpenAI-compatible endpoints under /v1; usable by the standalone service or any other host.</summary>
public static class OpenAiCompatibleApi
{
    /// <summary>
    /// Maps GET /v1/models, GET /v1/models/{id}, POST /v1/chat/completions, POST /v1/completions and
    /// POST /v1/embeddings. Requires <see cref="InferenceServiceCollectionExtensions.AddLocalInference(IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/>.
    /// </summary>
    public static RouteGroupBuilder MapOpenAiCompatibleApi(this IEndpointRouteBuilder app, string prefix = "/v1")
    {
        var api = app.MapGroup(prefix).WithTags("OpenAI-compatible inference").AddEndpointFilter<ApiKeyFilter>();
        api.MapGet("/models", (LocalModelHost host) => Results.Json(new
        {
            @object = "list",
            data = host.ListModels().Select(ToJson),
        })).WithName("ListModels").WithSummary("Lists the models in the models directory and the provider each runs on.");
        api.MapGet("/models/{**id}", (string id, LocalModelHost host) =>
            host.ListModels().FirstOrDefault(m => m.Id == id) is { } model
                ? Results.Json(ToJson(model))
                : OpenAiErrors.Result(404, $"The model '{id}' does not exist.", "invalid_request_error", "model", "model_not_found"))
            .WithName("GetModel").WithSummary("Describes one model.");
        api.MapPost("/chat/completions", (HttpContext context, LocalModelHost host) => CompletionEndpoint.HandleAsync(context, host, chat: true))
            .WithName("CreateChatCompletion").WithSummary("Chat completion, streamed as server-sent events when stream is true.");
        api.MapPost("/completions", (HttpContext context, LocalModelHost host) => CompletionEndpoint.HandleAsync(context, host, chat: false))
            .WithName("CreateCompletion").WithSummary("Text completion of a raw prompt (no chat template).");
        api.MapPost("/embeddings", EmbeddingsAsync)
            .WithName("CreateEmbedding").WithSummary("Sentence embeddings (mean pooled, unit length) from an encoder model.");
        return api;
    }

    private static object ToJson(LocalModelInfo m) => new
    {
        id = m.Id,
        @object = "model",
        created = 0,
        owned_by = "interactionlab",
        kind = m.Kind,
        description = m.Description,
        execution_provider = m.ExecutionProvider,
    };

    private static async Task<IResult> EmbeddingsAsync(HttpContext context, LocalModelHost host)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            var root = document.RootElement;
            var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString()! : throw new ArgumentException("'model' is required.", "model");
            var input = root.TryGetProperty("input", out var i) ? i : default;
            List<string> texts = input.ValueKind switch
            {
                JsonValueKind.String => [input.GetString()!],
                JsonValueKind.Array when input.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) && input.GetArrayLength() > 0 =>
                    [.. input.EnumerateArray().Select(e => e.GetString()!)],
                _ => throw new ArgumentException("'input' must be a string or a non-empty list of strings.", "input"),
            };
            var generator = host.GetEmbeddingGenerator(model);
            var embeddings = await generator.GenerateAsync(texts, cancellationToken: context.RequestAborted);
            var base64 = root.TryGetProperty("encoding_format", out var f) && f.ValueKind == JsonValueKind.String && f.GetString() == "base64";
            return Results.Json(new
            {
                @object = "list",
                data = embeddings.Select((e, index) => new
                {
                    @object = "embedding",
                    index,
                    embedding = base64 ? (object)Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(e.Vector.Span)) : e.Vector.ToArray(),
                }),
                model,
                usage = new { prompt_tokens = embeddings.Usage?.InputTokenCount ?? 0, total_tokens = embeddings.Usage?.TotalTokenCount ?? 0 },
            });
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            return OpenAiErrors.FromException(e, context);
        }
    }
}

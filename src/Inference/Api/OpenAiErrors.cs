using System.Text.Json;
using InteractionLab.Inference.Engine;
using Microsoft.ML.OnnxRuntime;

namespace InteractionLab.Inference.Api;

/// <summary>Errors in OpenAI's shape: {"error": {"message", "type", "param", "code"}}.</summary>
internal static class OpenAiErrors
{
    public static IResult Result(int status, string message, string type, string? param = null, string? code = null) =>
        Results.Json(new { error = new { message, type, param, code } }, statusCode: status);

    public static string Json(string message, string type, string? code = null) =>
        JsonSerializer.Serialize(new { error = new { message, type, param = (string?)null, code } });

    /// <summary>Maps engine exceptions to statuses; anything unexpected is a 500 without internals.</summary>
    public static IResult FromException(Exception exception, HttpContext context) => exception switch
    {
        ModelNotFoundException e => Result(404, e.Message, "invalid_request_error", "model", "model_not_found"),
        ModelBusyException e => WithRetryAfter(context, Result(429, e.Message, "requests", null, "rate_limit_exceeded")),
        ArgumentException e when e.ParamName == "context_length_exceeded" =>
            Result(400, e.Message.Split(" (Parameter")[0], "invalid_request_error", "messages", "context_length_exceeded"),
        ArgumentException e => Result(400, e.Message.Split(" (Parameter")[0], "invalid_request_error", e.ParamName),
        JsonException e => Result(400, $"The request body is not valid JSON: {e.Message}", "invalid_request_error"),
        InvalidDataException or InvalidOperationException or OnnxRuntimeException =>
            Result(503, $"The model could not be loaded or run: {exception.Message}", "server_error", null, "model_unavailable"),
        _ => Result(500, "The server had an error while processing your request.", "server_error"),
    };

    private static IResult WithRetryAfter(HttpContext context, IResult result)
    {
        context.Response.Headers.RetryAfter = "1";
        return result;
    }
}

namespace InteractionLab.Inference.Engine;

/// <summary>Checks and completes a request against the model and the service limits before any compute starts.</summary>
internal static class RequestValidation
{
    /// <summary>A seed for callers that gave none; small and positive so every client can send it back.</summary>
    public static long NewSeed() => Random.Shared.Next(1, int.MaxValue);

    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public static GenerationRequest Complete(GenerationRequest request, DecoderModel model, InferenceOptions options)
    {
        Require(request.PromptIds.Count > 0, "prompt", "The prompt is empty.");
        Require(request.Temperature is >= 0f and <= 2f, "temperature", "temperature must be between 0 and 2.");
        Require(request.TopP is > 0f and <= 1f, "top_p", "top_p must be greater than 0 and at most 1.");
        Require(request.TopK >= 0, "top_k", "top_k must not be negative.");
        Require(request.RepetitionPenalty > 0f, "repetition_penalty", "repetition_penalty must be positive.");
        Require(request.N >= 1 && request.N <= options.MaxCompletionsPerRequest, "n", $"n must be between 1 and {options.MaxCompletionsPerRequest}.");
        Require(request.MaxTokens >= 1 && request.MaxTokens <= options.MaxTokensLimit, "max_tokens", $"max_tokens must be between 1 and {options.MaxTokensLimit}.");
        Require(request.TopLogprobs <= 20, "top_logprobs", "top_logprobs must be at most 20.");
        Require(request.StopSequences.Count <= 16 && request.StopSequences.All(s => s.Length > 0), "stop", "stop allows up to 16 non-empty sequences.");
        var room = model.MaxPositions - request.PromptIds.Count;
        if (room <= 0)
        {
            throw new ArgumentException(
                $"The prompt has {request.PromptIds.Count} tokens; this model's context length is {model.MaxPositions}.", "context_length_exceeded");
        }

        return request.MaxTokens > room ? request with { MaxTokens = room } : request;
    }

    private static void Require(bool condition, string parameter, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, parameter);
        }
    }
}

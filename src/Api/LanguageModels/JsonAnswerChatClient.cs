using Microsoft.Extensions.AI;

namespace InteractionLab.Api.LanguageModels;

/// <summary>
/// Tidies answers to requests for JSON (<see cref="ChatOptions.ResponseFormat"/> JSON or a JSON schema): the answer
/// becomes the JSON object in it (<see cref="JsonAnswers.ObjectIn"/>), so a fenced or chatty answer still reads as the
/// structured value. Other answers pass unchanged; an answer without any object is left as it was, for the caller to
/// report.
/// </summary>
public sealed class JsonAnswerChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        if (options?.ResponseFormat is not ChatResponseFormatJson || JsonAnswers.ObjectIn(response.Text) is not { } json || json == response.Text) return response;
        var tidy = new ChatResponse(new ChatMessage(ChatRole.Assistant, json))
        {
            ResponseId = response.ResponseId, ModelId = response.ModelId, CreatedAt = response.CreatedAt, FinishReason = response.FinishReason,
            Usage = response.Usage, AdditionalProperties = response.AdditionalProperties, RawRepresentation = response.RawRepresentation,
        };
        return tidy;
    }
}

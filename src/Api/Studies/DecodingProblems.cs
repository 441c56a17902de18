using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using Microsoft.Extensions.AI;

namespace InteractionLab.Api.Studies;

/// <summary>
/// The decoding settings checked against each model's context window, where the platform knows it (in-process models
/// from their config, HTTP endpoints where <c>ContextLength</c> is configured): a reply of up to <c>maxTokens</c> must fit
/// beside the prompt's fixed text (the few-shot header or system prompt, before any conversation). Keyed like the
/// builder's fields: <c>conditions[0].decoding.maxTokens</c>, <c>stages[2].task.settings.max-tokens</c>.
/// </summary>
public static class DecodingProblems
{
    /// <summary>Problems of <paramref name="config"/>; empty when every reply fits its model's window.</summary>
    public static IReadOnlyList<(string Field, string Message)> Find(StudyConfig config, TaskCatalog catalog, Func<ModelRef, ModelContext?> contextOf)
    {
        var found = new List<(string, string)>();
        for (var i = 0; i < config.Conditions.Count; i++)
        {
            var condition = config.Conditions[i];
            if (Window(condition.Model, contextOf) is not { } window) continue;
            var completion = condition.Prompt.Style == PromptStyle.Completion;
            var fixedText = completion
                ? CompletionPrompt.Render(condition.Prompt, "", [])
                : condition.Prompt.Template.Replace("{scenario}", "", StringComparison.Ordinal);
            var prompt = window.CountTokens([new ChatMessage(completion ? ChatRole.User : ChatRole.System, fixedText)], completion);
            if (Overflows(condition.Decoding.MaxTokens, prompt, window) is { } why)
                found.Add(($"conditions[{i}].decoding.maxTokens", $"Condition '{condition.Key}': {why}"));
        }
        for (var j = 0; j < config.Stages.Count; j++)
        {
            if (config.Stages[j] is not { Task: { } task } stage || catalog.Find(task.Type) is not { } type) continue;
            foreach (var condition in config.Conditions)
            {
                if (Window(condition.Model, contextOf) is not { } window) continue;
                var maxTokens = TaskLanguageModel.DecodingFor(type, task, condition).MaxTokens;
                if (Overflows(maxTokens, 0, window) is { } why)
                {
                    found.Add(($"stages[{j}].task.settings.max-tokens", $"Stage '{stage.Key}' with condition '{condition.Key}': {why}"));
                    break;
                }
            }
        }
        return found;
    }

    private static ModelContext? Window(ModelRef model, Func<ModelRef, ModelContext?> contextOf) =>
        string.IsNullOrWhiteSpace(model.Endpoint) || string.IsNullOrWhiteSpace(model.Model) ? null : contextOf(model);

    private static string? Overflows(int maxTokens, int promptTokens, ModelContext window) => maxTokens + promptTokens < window.Length ? null
        : promptTokens == 0
            ? $"the model reads at most {window.Length} tokens, prompt and reply together, so a reply of up to {maxTokens} new tokens leaves no room for the prompt. Use fewer than {window.Length} new tokens."
            : $"the model reads at most {window.Length} tokens, prompt and reply together; the prompt's fixed text is {(window.Exact ? "" : "about ")}{promptTokens} tokens, so a reply of up to {maxTokens} new tokens does not fit. Use at most {Math.Max(1, window.Length - promptTokens - 1)} new tokens (fewer leave room for the conversation).";
}

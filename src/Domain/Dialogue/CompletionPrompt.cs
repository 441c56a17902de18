using System.Text;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Dialogue;

/// <summary>
/// Renders a completion-style few-shot dialogue prompt (as in HALIE's social dialogue task): the template
/// with <c>{scenario}</c> and <c>{history}</c> filled in, ending with the model prefix so the model continues
/// as the chatbot. Stop sequences built from the prefixes keep the model from writing the participant's turn.
/// </summary>
public static class CompletionPrompt
{
    /// <summary>The prompt text for the next model turn.</summary>
    public static string Render(PromptTemplate template, string scenario, IEnumerable<DialogueLine> history)
    {
        var lines = new StringBuilder();
        foreach (var line in history)
        {
            var prefix = line.Role == TurnRole.Participant ? template.UserPrefix : template.ModelPrefix;
            lines.Append(prefix).Append(OneLine(line.Text)).Append('\n');
        }
        lines.Append(template.ModelPrefix.TrimEnd());
        var body = template.Template.Replace("{scenario}", scenario, StringComparison.Ordinal);
        return body.Contains("{history}", StringComparison.Ordinal)
            ? body.Replace("{history}", lines.ToString(), StringComparison.Ordinal)
            : body + lines;
    }

    /// <summary>
    /// The stop sequences to send: the configured ones plus a newline followed by the participant prefix,
    /// without duplicates, in a stable order (they are part of what is recorded).
    /// </summary>
    public static IReadOnlyList<string> StopSequences(PromptTemplate template, DecodingSettings decoding)
    {
        var stops = new List<string>(decoding.Stop);
        var userTurn = "\n" + template.UserPrefix.TrimEnd();
        if (!stops.Contains(userTurn)) stops.Add(userTurn);
        return stops;
    }

    /// <summary>Cuts the reply at the first stop sequence and trims it, for engines that return the stop text.</summary>
    public static string CleanReply(string reply, IEnumerable<string> stops)
    {
        var end = reply.Length;
        foreach (var stop in stops)
        {
            var at = reply.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && at < end) end = at;
        }
        return reply[..end].Trim();
    }

    // A newline inside a participant's message would read to the model as a new speaker's turn.
    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}

namespace InteractionLab.Testing.LanguageModel;

/// <summary>
/// The rules by which a <see cref="ScriptedOpenAiServer"/> plays a values interviewer (and an LM judge). Streamed
/// interviewer turns: text, or a tool call when the participant's last message contains "submit"
/// (<c>submit_values_card</c>) or "card" (<c>show_values_card</c>), and a draft message once a tool result is in.
/// Plain calls: drafting (the first draft of each chat breaks a card rule so that the redraft path runs), the
/// same-value confirmation, an LM judge's ratings of an annotation project's items (<see cref="Judge"/>), and
/// <c>{"action":"none"}</c> for any other decision.
/// </summary>
public sealed class InterviewerScript
{
    /// <summary>The card the redraft returns (passes the card rules).</summary>
    public const string GoodCard = """{"title":"Space to grieve at their pace","description":"Letting a grieving friend set the pace of contact.","attentionalPolicies":["MOMENTS when a friend needs quiet more than company","SIGNS that an invitation would feel like pressure","OPPORTUNITIES to stay present without asking for anything"]}""";
    /// <summary>The first draft (policy 3 is a bare virtue word).</summary>
    public const string FirstDraft = "```json\n" + """{"title":"Space to grieve at their pace","description":"Letting a grieving friend set the pace of contact.","attentionalPolicies":["MOMENTS when a friend needs quiet more than company","SIGNS that an invitation would feel like pressure","Patience"]}""" + "\n```";
    /// <summary>The interviewer's question (its first streamed turn).</summary>
    public const string Question = "What do you notice first when she cancels?";
    /// <summary>The interviewer's turn after a card was shown.</summary>
    public const string DraftShown = "Here is a draft of your card. Does it capture what you care about?";

    /// <summary>What an LM judge's call answers, from the item it was shown (the last user message).</summary>
    public Func<string, string> Judge { get; set; } = _ => "{}";

    /// <summary>What the same-value confirmation answers.</summary>
    public string SameValueAnswer { get; set; } = "yes";

    /// <summary>Adds this script's rules to <paramref name="server"/>.</summary>
    public void AddTo(ScriptedOpenAiServer server) => server
        .When(c => !c.Stream && c.System.StartsWith("You rate items for a research study", StringComparison.Ordinal), c => Judge(c.User))
        .When(c => !c.Stream && c.System.StartsWith("You turn an interview transcript", StringComparison.Ordinal),
            c => c.System.Contains("breaks these card-writing rules", StringComparison.Ordinal) ? GoodCard : FirstDraft)
        .When(c => !c.Stream && c.Transcript.Contains("same value", StringComparison.Ordinal), _ => SameValueAnswer)
        .When(c => !c.Stream, _ => """{"action":"none"}""")
        .When(c => c.HasToolResults, _ => DraftShown)
        .When(c => c.User.Contains("submit", StringComparison.OrdinalIgnoreCase), _ => ScriptedReply.CallTool("submit_values_card"))
        .When(c => c.User.Contains("card", StringComparison.OrdinalIgnoreCase), _ => ScriptedReply.CallTool("show_values_card"))
        .Otherwise(_ => Question);
}

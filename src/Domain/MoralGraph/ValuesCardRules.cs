using System.Text.RegularExpressions;

namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// Checks a values card against the card-writing rules of Moral Graph Elicitation and returns feedback the
/// participant (or the interviewer LM revising the card) can act on.
/// </summary>
/// <remarks>
/// The counts (title words, description sentences, number of policies, policy length) are exact rules.
/// Everything about <em>phrasing</em> is a heuristic: the plural-noun check looks for an ALL-CAPS first word
/// ending in "S" (plus a few irregular plurals such as PEOPLE), sentence counting splits at ".", "!" or "?"
/// followed by a capital letter or the end (so "e.g. a friend" stays one sentence), and goal/rule/virtue
/// phrasing is recognised only by the first word ("should", "must", "always", "never", "to", "being"…) or by a
/// short policy that is just a virtue word ("Honesty", "Being kind"). Such heuristics miss some bad policies and
/// may flag an unusual good one; treat their messages as advice, not as proof the card is wrong.
/// </remarks>
public static partial class ValuesCardRules
{
    /// <summary>Fewest and most words in a title.</summary>
    public const int MinTitleWords = 3, MaxTitleWords = 6;
    /// <summary>Fewest and most sentences in a description.</summary>
    public const int MinDescriptionSentences = 1, MaxDescriptionSentences = 3;
    /// <summary>Fewest and most attentional policies on a card.</summary>
    public const int MinPolicies = 3, MaxPolicies = 7;
    /// <summary>Longest policy, in words, that still reads as plain language.</summary>
    public const int MaxPolicyWords = 25;

    // First words that turn a policy into a rule, goal or exhortation instead of something one attends to.
    private static readonly HashSet<string> AbstractStarters = new(StringComparer.OrdinalIgnoreCase)
    {
        "should", "must", "always", "never", "to", "being", "be", "try", "ensure", "avoid", "don't", "do",
    };

    // Virtues named on their own say what one wants to be, not what one notices when choosing.
    private static readonly HashSet<string> VirtueWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "honesty", "honest", "kindness", "kind", "courage", "courageous", "integrity", "compassion", "compassionate",
        "respect", "respectful", "fairness", "fair", "loyalty", "loyal", "patience", "patient", "humility", "humble",
        "justice", "just", "empathy", "empathetic", "generosity", "generous", "wisdom", "wise", "responsibility",
        "responsible", "gratitude", "grateful", "authenticity", "authentic", "openness", "open", "care", "caring",
        "love", "loving", "trust", "trustworthy", "freedom", "autonomy", "dignity", "truth", "truthful",
    };

    // Plural nouns that do not end in S but are natural heads of a policy.
    private static readonly HashSet<string> IrregularPlurals = new(StringComparer.Ordinal)
    {
        "PEOPLE", "CHILDREN", "MEN", "WOMEN", "FEEDBACK",
    };

    /// <summary>All problems on the card, in the order title, description, policies (empty when the card passes).</summary>
    public static IReadOnlyList<CardProblem> Check(ValuesCard card)
    {
        var problems = new List<CardProblem>();
        CheckTitle(card.Title ?? "", problems);
        CheckDescription(card.Description ?? "", problems);
        var policies = card.AttentionalPolicies ?? [];
        if (policies.Count is < MinPolicies or > MaxPolicies)
            problems.Add(new("attentionalPolicies",
                $"A card needs {MinPolicies} to {MaxPolicies} attentional policies; this one has {policies.Count}. " +
                (policies.Count < MinPolicies
                    ? "Add the other things you pay attention to when choosing well."
                    : "Keep the ones that matter most, or merge ones that say the same thing.")));
        for (var i = 0; i < policies.Count; i++)
            CheckPolicy(i, policies[i] ?? "", problems);
        return problems;
    }

    private static void CheckTitle(string title, List<CardProblem> problems)
    {
        var words = Words(title);
        if (words.Length == 0)
            problems.Add(new("title", "Give the card a title of 3 to 6 words that names the value."));
        else if (words.Length is < MinTitleWords or > MaxTitleWords)
            problems.Add(new("title",
                $"The title should have {MinTitleWords} to {MaxTitleWords} words; it has {words.Length}. " +
                (words.Length < MinTitleWords ? "Say a little more about what the value is." : "Shorten it to the core of the value.")));
    }

    private static void CheckDescription(string description, List<CardProblem> problems)
    {
        var sentences = CountSentences(description);
        if (sentences == 0)
            problems.Add(new("description", "Add a short description (1 to 3 sentences) of what this value is about."));
        else if (sentences > MaxDescriptionSentences)
            problems.Add(new("description",
                $"The description should be 1 to 3 sentences; it has {sentences}. Keep only what someone needs to understand the value."));
    }

    private static void CheckPolicy(int index, string policy, List<CardProblem> problems)
    {
        var field = $"attentionalPolicies[{index}]";
        var label = $"Policy {index + 1}";
        var words = Words(policy);
        if (words.Length == 0)
        {
            problems.Add(new(field, $"{label} is empty. Write what you pay attention to, e.g. \"MOMENTS when a friend needs space\"."));
            return;
        }
        if (words.Length > MaxPolicyWords)
            problems.Add(new(field,
                $"{label} has {words.Length} words; keep it plain and under {MaxPolicyWords + 1} words so anyone could follow it."));

        var first = Letters(words[0]);
        if (AbstractStarters.Contains(first))
        {
            problems.Add(new(field,
                $"{label} starts with \"{words[0]}\", which reads as a rule or goal. Instead name what you notice when choosing, " +
                "starting with a plural noun in capitals, e.g. \"CHOICES that keep the other person's options open\"."));
            return;
        }
        if (words.Length <= 2 && words.All(w => VirtueWords.Contains(Letters(w)) || Letters(w).Length == 0))
        {
            problems.Add(new(field,
                $"{label} (\"{policy.Trim()}\") names a virtue. Say what someone with it pays attention to, " +
                "e.g. \"FEELINGS of discomfort that signal something is being left unsaid\"."));
            return;
        }
        if (first.Length < 2 || first != first.ToUpperInvariant())
        {
            var upper = first.ToUpperInvariant();
            problems.Add(new(field, LooksPlural(upper)
                ? $"{label}: write the first word in capitals (\"{upper}\") so it is clear what you pay attention to."
                : $"{label} should start with a plural noun in capitals for what you pay attention to (MOMENTS, CHOICES, FEELINGS, OPPORTUNITIES…), e.g. \"MOMENTS when a friend needs space\"."));
            return;
        }
        if (!LooksPlural(first))
            problems.Add(new(field,
                $"{label}: \"{first}\" should be a plural noun (MOMENTS, CHOICES, FEELINGS…), so the policy names a kind of thing you look for."));
        if (words.Length < 2)
            problems.Add(new(field,
                $"{label}: say which {first} you pay attention to, e.g. \"{first} when …\" or \"{first} that …\"."));
    }

    private static bool LooksPlural(string upperWord) =>
        IrregularPlurals.Contains(upperWord) || (upperWord.Length >= 3 && upperWord.EndsWith('S'));

    private static string[] Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // Strips punctuation around a word so "MOMENTS:" and "Honesty." are judged by their letters.
    private static string Letters(string word) => word.Trim().Trim(',', '.', ':', ';', '!', '?', '"', '\'', '(', ')');

    private static int CountSentences(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return 0;
        return SentenceBreak().Split(text.Trim()).Count(s => s.Any(char.IsLetterOrDigit));
    }

    // A sentence ends at . ! or ? followed by whitespace and a capital letter; abbreviations such as "e.g. a" do not split.
    [GeneratedRegex(@"(?<=[.!?])\s+(?=[\p{Lu}""'(])")]
    private static partial Regex SentenceBreak();
}

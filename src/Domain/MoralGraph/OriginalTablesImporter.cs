using System.Text.Json;

namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// Reads the original Moral Graph Elicitation platform's database tables (meaningalignment/mge and
/// meaningalignment/moral-graph-elicitation, <c>schema.prisma</c>): one JSON object with an array of rows per table,
/// named and spelled as the Prisma models and fields are. Both schema generations are read: contexts as
/// <c>Context</c> / <c>contextId</c> or the older <c>ChoiceType</c> / <c>choiceTypeId</c>; story runs as
/// <c>hypothesisRunId</c> or the older <c>runId</c>. Every bad row is reported with its table, index, field and value.
/// </summary>
public static class OriginalTablesImporter
{
    /// <summary>The question of values and votes whose rows name no deliberation.</summary>
    public const string DefaultQuestion = "mge";

    private const string Cards = "CanonicalValuesCard", Edges = "Edge", Hypotheses = "EdgeHypothesis";
    private static readonly string[] ContextTables = ["Context", "ChoiceType"];
    private static readonly string[] ContextQuestionTables = ["ContextsForQuestions", "ChoiceTypesOnCases"];
    private static readonly string[] ContextColumns = ["contextId", "choiceTypeId"];
    private static readonly string[] RunColumns = ["hypothesisRunId", "runId"];

    // Tables of the original schema that a graph does not need; people's e-mails and Prolific ids (User) are never read.
    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase)
    {
        "User", "Demographic", "Deliberation", "EmailCodes", "ValuesCard", "Chat", "Question", "DeduplicatedCard", "Deduplication",
        "DeduplicationVerification", "Intervention", "InterventionPrecedence", "Agent", "AgentDisapproval", "Feedback", "Vote",
    };

    /// <summary>Whether <paramref name="root"/> looks like the original platform's tables (it has a card or edge table).</summary>
    public static bool Recognises(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.EnumerateObject().Any(p => p.NameEquals(Cards) || p.NameEquals(Edges));

    /// <summary>The question a deliberation's values and votes are filed under: <c>deliberation-{id}</c>, or <see cref="DefaultQuestion"/>.</summary>
    public static string DeliberationQuestion(string? deliberationId) => deliberationId is null ? DefaultQuestion : $"deliberation-{deliberationId}";

    /// <summary>Reads the tables; <paramref name="existing"/> are the study's values (edges may name them).</summary>
    public static MoralGraphImportResult Import(JsonElement root, IReadOnlyDictionary<string, CanonicalValue> existing, DateTimeOffset importedAt)
    {
        var problems = new List<ImportProblem>();
        foreach (var table in root.EnumerateObject())
            if (!table.NameEquals(Cards) && !table.NameEquals(Edges) && !table.NameEquals(Hypotheses) && !ContextTables.Contains(table.Name)
                && !ContextQuestionTables.Contains(table.Name) && !Ignored.Contains(table.Name))
                problems.Add(new(table.Name, $"The importer does not read a table '{table.Name}'. It reads {Cards}, {Edges}, {Hypotheses}, Context (or ChoiceType) and ContextsForQuestions (or ChoiceTypesOnCases), named exactly as in the original schema."));

        var contexts = ContextIds(root, problems);
        var questionsOf = ContextQuestions(root, problems);
        var values = new List<CanonicalValue>();
        var reused = new List<string>();
        var byId = new Dictionary<string, CanonicalValue>(existing, StringComparer.Ordinal);
        var archived = new HashSet<string>(StringComparer.Ordinal);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in Rows(root, [Cards], problems))
        {
            var id = row.Id("id");
            var title = row.Text("title", required: true);
            var description = row.Text("description") ?? "";
            var policies = row.Texts("policies");
            var deliberation = row.Has("deliberationId") ? row.Id("deliberationId") : null;
            var isArchived = row.Flag("isArchived");
            if (id is not null && !declared.Add(id)) row.Problem($"Card id {id} is used by an earlier row; ids must be unique.");
            if (string.IsNullOrWhiteSpace(title) && title is not null) row.Problem($"Card {id} has an empty 'title'.");
            if (policies.Any(string.IsNullOrWhiteSpace)) row.Problem($"Card {id} has an empty policy.");
            if (row.Failed) continue;
            if (isArchived)
            {
                archived.Add(id!);
                row.Problem($"Card {id} is archived (isArchived: true); the original platform leaves archived cards and their votes out of its graph, so it was not imported.");
                continue;
            }
            var value = new CanonicalValue(id!, DeliberationQuestion(deliberation), new ValuesCard(title!.Trim(), description.Trim(), policies));
            if (existing.TryGetValue(id!, out var stored))
            {
                if (MoralGraphImporter.Differs(value, stored) is { } difference) { row.Problem(difference); byId.Remove(id!); }
                else reused.Add(id!);
                continue;
            }
            values.Add(value);
            byId[id!] = value;
        }

        var votes = new List<WiserVote>();
        var stories = new Dictionary<(string, string, string, string), ImportedStory>();
        var voted = new Dictionary<(string, string, string), string>();
        var edgeStories = new List<(string Key, ImportedStory Story)>();
        foreach (var row in Rows(root, [Edges], problems))
        {
            var user = row.Id("userId");
            var (from, to) = (Value(row, "fromId"), Value(row, "toId"));
            var type = row.Text("type", required: true);
            var context = Context(row, contexts);
            var castAt = row.Time("createdAt", required: true);
            var story = row.Text("story");
            var comment = row.Text("comment");
            var run = row.Has("runId") ? row.Text("runId") : null;
            var deliberation = row.Has("deliberationId") ? row.Id("deliberationId") : null;
            var choice = type?.Trim().ToLowerInvariant() switch
            {
                "upgrade" => VoteChoice.Wiser, "no_upgrade" => VoteChoice.NotWiser, "not_sure" => VoteChoice.Unsure, _ => (VoteChoice?)null,
            };
            if (type is not null && choice is null) row.Problem($"'type' '{type}' is not one of upgrade, no_upgrade, not_sure.");
            if (from is not null && from == to) row.Problem($"'fromId' and 'toId' are both {from.Id}; a vote compares two different values.");
            if (!row.Failed && voted.TryGetValue((user!, from!.Id, to!.Id), out var earlier))
                row.Problem($"User {user} already voted on {from.Id} → {to.Id} ({earlier}); the original platform keeps one vote per user and pair.");
            if (row.Failed) continue;
            voted[(user!, from!.Id, to!.Id)] = row.Item;
            var question = QuestionOf(context!, from);
            votes.Add(new WiserVote(user!, from.Id, to!.Id, choice!.Value, context, Blank(comment), castAt!.Value,
                Blank(run) ?? (deliberation is null ? null : $"deliberation-{deliberation}"), question));
            // Rows older than story tracking carry the schema's placeholder "OLD" instead of a story.
            if (!string.IsNullOrWhiteSpace(story) && story != "OLD")
                edgeStories.Add((row.Item, new ImportedStory(question, from.Id, to.Id, context!, story.Trim(), castAt.Value, Blank(run), false)));
        }

        foreach (var row in Rows(root, [Hypotheses], problems))
        {
            var (from, to) = (Value(row, "fromId"), Value(row, "toId"));
            var context = Context(row, contexts);
            var story = row.Text("story");
            var run = row.Text(RunColumns, required: false);
            var createdAt = row.Has("createdAt") ? row.Time("createdAt", required: true) : importedAt;
            var isArchived = row.Flag("isArchived");
            if (string.IsNullOrWhiteSpace(story)) row.Problem("The hypothesis has no 'story'; without its text there is nothing to keep.");
            if (row.Failed) continue;
            var s = new ImportedStory(QuestionOf(context!, from!), from!.Id, to!.Id, context!, story!.Trim(), createdAt!.Value, Blank(run), isArchived);
            if (!stories.TryAdd(Key(s), s)) row.Problem($"A hypothesis for {from.Id} → {to.Id} in context '{context}' is listed earlier; the original platform keeps one per pair and context.");
        }
        foreach (var (_, story) in edgeStories) stories.TryAdd(Key(story), story);

        if (values.Count + reused.Count + votes.Count == 0 && problems.Count == 0)
            problems.Add(new("$", $"The file has no rows in '{Cards}' or '{Edges}'; export those tables from the original platform's database."));
        return new MoralGraphImportResult(values, votes, problems)
        {
            Format = MoralGraphFormats.OriginalTables, ReusedValueIds = reused, Stories = stories.Values.ToList(),
        };

        CanonicalValue? Value(JsonRow row, string field)
        {
            var id = row.Id(field);
            if (id is null) return null;
            if (byId.TryGetValue(id, out var value)) return value;
            row.Problem(archived.Contains(id) ? $"'{field}' {id} is an archived card; votes and stories on archived cards are left out, as the original platform leaves them out of its graph."
                : declared.Contains(id) ? $"'{field}' {id} is a card that has problems of its own (see {Cards})."
                : $"'{field}' {id} is not the id of any {Cards} row in the file or a value of the study.");
            return null;
        }

        string QuestionOf(string context, CanonicalValue from) =>
            questionsOf.TryGetValue(context, out var qs) && qs.Count == 1 ? qs.First() : from.QuestionId;
    }

    private static (string, string, string, string) Key(ImportedStory s) => (s.QuestionId, s.FromValueId, s.ToValueId, s.Context);

    private static string? Context(JsonRow row, HashSet<string>? known)
    {
        var context = row.Text(ContextColumns, required: true)?.Trim();
        if (context is null) return null;
        if (context.Length == 0) { row.Problem("'contextId' is empty."); return null; }
        if (known is not null && !known.Contains(context)) row.Problem($"Context '{context}' is not in the Context table of the file.");
        return context;
    }

    private static HashSet<string>? ContextIds(JsonElement root, List<ImportProblem> problems)
    {
        if (!ContextTables.Any(t => root.TryGetProperty(t, out _))) return null;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in Rows(root, ContextTables, problems))
            if (row.Id("id") is { } id) ids.Add(id);
        return ids;
    }

    private static Dictionary<string, HashSet<string>> ContextQuestions(JsonElement root, List<ImportProblem> problems)
    {
        var map = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var row in Rows(root, ContextQuestionTables, problems))
        {
            var context = row.Text(ContextColumns, required: true)?.Trim();
            var question = row.Id("questionId");
            if (context is null || question is null) continue;
            if (!map.TryGetValue(context, out var set)) map[context] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(question);
        }
        return map;
    }

    private static IEnumerable<JsonRow> Rows(JsonElement root, string[] names, List<ImportProblem> problems)
    {
        foreach (var name in names)
        {
            if (!root.TryGetProperty(name, out var table)) continue;
            if (table.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new(name, $"The table '{name}' must be a list of rows (a JSON array of objects), not {JsonRow.Show(table)}."));
                continue;
            }
            var i = 0;
            foreach (var row in table.EnumerateArray())
            {
                var item = $"{name}[{i++}]";
                if (row.ValueKind != JsonValueKind.Object) { problems.Add(new(item, $"The row must be an object with the table's columns, not {JsonRow.Show(row)}.")); continue; }
                yield return new JsonRow(row, name, i - 1, problems);
            }
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

using System.Globalization;
using System.Text.Json;

namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// Reads a <see cref="MoralGraphImport"/> file and checks every value and vote, returning a clear message per bad
/// item instead of failing on the first. Card-writing rules (<see cref="ValuesCardRules"/>) are not enforced here:
/// cards from another study are data to analyse, not drafts to improve.
/// </summary>
public static class MoralGraphImporter
{
    // Lenient on purpose (unlike MoralGraphJson.Options): a missing field must become a per-item message from
    // Validate, not a whole-file parse failure. Web defaults still give camelCase, case-insensitive reading.
    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Parses and validates an import file; malformed JSON becomes a single problem at <c>$</c>.</summary>
    /// <param name="json">The file.</param>
    /// <param name="existing">The values the study already has, by id: votes may name them, and the file may repeat them unchanged.</param>
    public static MoralGraphImportResult Import(string json, IReadOnlyDictionary<string, CanonicalValue>? existing = null)
    {
        MoralGraphImport? file;
        try
        {
            file = JsonSerializer.Deserialize<MoralGraphImport>(json, ReadOptions);
        }
        catch (JsonException ex)
        {
            return Failed($"The file is not a valid import file: {ex.Message}");
        }
        return file is null ? Failed("The file is 'null'; expected an object with 'values' and 'votes'.") : Validate(file, existing);
    }

    /// <summary>Checks an already parsed import file against the values the study already has (<paramref name="existing"/>).</summary>
    public static MoralGraphImportResult Validate(MoralGraphImport file, IReadOnlyDictionary<string, CanonicalValue>? existing = null)
    {
        existing ??= new Dictionary<string, CanonicalValue>();
        var problems = new List<ImportProblem>();
        var values = new List<CanonicalValue>();
        var reused = new List<string>();
        var votes = new List<WiserVote>();
        if ((file.Values?.Count ?? 0) == 0 && (file.Votes?.Count ?? 0) == 0)
            problems.Add(new("$", "The file has neither 'values' nor 'votes'; list the values cards, the votes, or both."));

        var byId = new Dictionary<string, CanonicalValue>(existing, StringComparer.Ordinal);
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (file.Values?.Count ?? 0); i++)
        {
            var item = $"values[{i}]";
            var v = file.Values![i];
            if (v is null) { problems.Add(new(item, "The value is null; expected an object with id, questionId and title.")); continue; }
            var before = problems.Count;
            if (string.IsNullOrWhiteSpace(v.Id)) problems.Add(new(item, "The value has no 'id'."));
            else if (!seenIds.Add(v.Id)) problems.Add(new(item, $"Value id '{v.Id}' is used by an earlier value; ids must be unique."));
            if (string.IsNullOrWhiteSpace(v.QuestionId)) problems.Add(new(item, $"Value '{v.Id}' has no 'questionId'; say which question it was elicited for."));
            if (string.IsNullOrWhiteSpace(v.Title)) problems.Add(new(item, $"Value '{v.Id}' has no 'title'."));
            if (v.Policies?.Any(string.IsNullOrWhiteSpace) == true) problems.Add(new(item, $"Value '{v.Id}' has an empty policy."));
            if (problems.Count > before) continue;
            var card = new ValuesCard(v.Title!.Trim(), v.Description?.Trim() ?? "", v.Policies?.Select(p => p!.Trim()).ToArray() ?? []);
            var value = new CanonicalValue(v.Id!, v.QuestionId!, card);
            if (existing.TryGetValue(value.Id, out var stored))
            {
                if (Differs(value, stored) is { } difference) { problems.Add(new(item, difference)); byId.Remove(value.Id); }
                else reused.Add(value.Id);
                continue;
            }
            values.Add(value);
            byId[value.Id] = value;
        }

        for (var i = 0; i < (file.Votes?.Count ?? 0); i++)
        {
            var item = $"votes[{i}]";
            var v = file.Votes![i];
            if (v is null) { problems.Add(new(item, "The vote is null; expected an object with participantKey, fromValueId, toValueId, choice and castAt.")); continue; }
            var before = problems.Count;
            if (string.IsNullOrWhiteSpace(v.ParticipantKey))
                problems.Add(new(item, "The vote has no 'participantKey'; give each voter a pseudonymous key so distinct voters can be counted."));
            var from = FindValue(v.FromValueId, "fromValueId", item, byId, seenIds, problems);
            var to = FindValue(v.ToValueId, "toValueId", item, byId, seenIds, problems);
            if (from is not null && to is not null)
            {
                if (from.Id == to.Id)
                    problems.Add(new(item, $"'fromValueId' and 'toValueId' are both '{from.Id}'; a vote compares two different values."));
                else if (from.QuestionId != to.QuestionId)
                    problems.Add(new(item, $"Values '{from.Id}' (question '{from.QuestionId}') and '{to.Id}' (question '{to.QuestionId}') belong to different questions; votes compare values of one question."));
            }
            var choice = ParseChoice(v.Choice);
            if (choice is null)
                problems.Add(new(item, v.Choice is null
                    ? "The vote has no 'choice'; use wiser, notWiser or unsure."
                    : $"Choice '{v.Choice}' is not one of wiser, notWiser, unsure."));
            var castAt = ParseInstant(v.CastAt, item, problems);
            if (problems.Count > before) continue;
            votes.Add(new WiserVote(v.ParticipantKey!, from!.Id, to!.Id, choice!.Value, Blank(v.Context), Blank(v.Reason), castAt!.Value, Blank(v.Batch)));
        }
        return new MoralGraphImportResult(values, votes, problems) { ReusedValueIds = reused };
    }

    /// <summary>
    /// Why <paramref name="incoming"/> cannot stand for the study's value of the same id, or null when it is the same
    /// value (same question, title, description and policies), so a file may repeat values it adds votes to.
    /// </summary>
    public static string? Differs(CanonicalValue incoming, CanonicalValue stored)
    {
        var field = incoming.QuestionId != stored.QuestionId ? $"question ('{incoming.QuestionId}' here, '{stored.QuestionId}' in the study)"
            : incoming.Card.Title != stored.Card.Title ? $"title ('{incoming.Card.Title}' here, '{stored.Card.Title}' in the study)"
            : incoming.Card.Description != stored.Card.Description ? "description"
            : !incoming.Card.AttentionalPolicies.SequenceEqual(stored.Card.AttentionalPolicies) ? "policies"
            : null;
        return field is null ? null
            : $"The study already has a value '{incoming.Id}' with a different {field}; it was not changed. Give this value a new id, or repeat the study's card exactly to add votes to it.";
    }

    /// <summary>Reads a choice as written by this or another platform; null when it is not recognisable.</summary>
    public static VoteChoice? ParseChoice(string? text)
    {
        if (text is null) return null;
        var key = new string(text.Where(char.IsLetter).ToArray()).ToLowerInvariant();
        return key switch
        {
            "wiser" or "yes" => VoteChoice.Wiser,
            "notwiser" or "no" => VoteChoice.NotWiser,
            "unsure" or "notsure" => VoteChoice.Unsure,
            _ => null,
        };
    }

    private static CanonicalValue? FindValue(string? id, string field, string item,
        Dictionary<string, CanonicalValue> byId, HashSet<string> declaredIds, List<ImportProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(id)) { problems.Add(new(item, $"The vote has no '{field}'.")); return null; }
        if (byId.TryGetValue(id, out var value)) return value;
        problems.Add(new(item, declaredIds.Contains(id)
            ? $"'{field}' '{id}' refers to a value that has problems of its own (see values)."
            : $"'{field}' '{id}' is not the id of any value in the file or the study."));
        return null;
    }

    private static DateTimeOffset? ParseInstant(string? text, string item, List<ImportProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) { problems.Add(new(item, "The vote has no 'castAt'; give the instant it was cast, e.g. \"2024-05-01T12:00:00Z\".")); return null; }
        // A time without an offset is ambiguous by hours, which matters for [from, to) run windows, so it is refused.
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var local)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            problems.Add(new(item, $"'castAt' '{text}' is not an ISO 8601 date and time, e.g. \"2024-05-01T12:00:00Z\"."));
            return null;
        }
        if (local.Kind == DateTimeKind.Unspecified)
        {
            problems.Add(new(item, $"'castAt' '{text}' has no UTC offset; add one, e.g. \"Z\" or \"+02:00\"."));
            return null;
        }
        return instant;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static MoralGraphImportResult Failed(string message) => MoralGraphImportResult.Failed(MoralGraphFormats.Import, message);
}

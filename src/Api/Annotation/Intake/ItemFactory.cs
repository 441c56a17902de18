using System.Text.Json;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Annotation.Intake;

/// <summary>Turns drafts into item rows: the content redacted and blinded once, here, and the queue counters set.</summary>
public static class ItemFactory
{
    /// <summary>A new item of <paramref name="project"/> from <paramref name="draft"/>.</summary>
    public static AnnotationItem Create(AnnotationProject project, AnnotationProjectConfig config, ItemDraft draft, TextRedactor redactor,
        AnnotationItemOrigin origin, DateTimeOffset now, AnnotationItemRole role = AnnotationItemRole.Regular,
        IReadOnlyDictionary<string, string>? expected = null)
    {
        var counts = new Dictionary<string, int>();
        var content = draft.Content.Map(text =>
        {
            var result = redactor.Redact(text);
            foreach (var (kind, n) in result.Counts) counts[kind] = counts.GetValueOrDefault(kind) + n;
            return result.Text;
        });
        return new AnnotationItem
        {
            ProjectId = project.Id, SourceKey = draft.SourceKey, Role = role, Origin = origin,
            SessionId = draft.SessionId, StageKey = draft.StageKey, TurnIndex = draft.TurnIndex, ArtifactKey = draft.ArtifactKey,
            ConfigHash = draft.ConfigHash, ContentJson = JsonSerializer.Serialize(content, ConfigHash.Json),
            RedactionsJson = counts.Count == 0 ? null : JsonSerializer.Serialize(counts),
            ExpectedJson = expected is null ? null : JsonSerializer.Serialize(expected),
            QueueRank = role == AnnotationItemRole.Regular ? config.RatersPerItem : null,
            Shuffle = Random.Shared.Next(AnnotatorShuffle.Ring), CreatedAt = now,
        };
    }

    /// <summary>An item's content as stored.</summary>
    public static ItemContent ContentOf(AnnotationItem item) =>
        JsonSerializer.Deserialize<ItemContent>(item.ContentJson, ConfigHash.Json) ?? new ItemContent("text");
}

using System.Text.Json;
using InteractionLab.Domain.Annotation;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Intake;

/// <summary>Items made of values cards a participant submitted in a moral graph interview, with the question they chose.</summary>
public static class ValuesCardItems
{
    /// <summary>The items of one session.</summary>
    public static async Task<IReadOnlyList<ItemDraft>> BuildAsync(SessionSource source, CancellationToken ct)
    {
        var session = source.Session.Id.Value;
        var stages = source.Stages.Select(s => s.Key).ToList();
        var chats = await source.Db.InterviewChats.AsNoTracking()
            .Where(c => c.SessionId == source.Session.Id && c.SubmittedAt != null && stages.Contains(c.StageKey))
            .Select(c => new { c.Id, c.StageKey, c.QuestionText }).ToListAsync(ct);
        var cards = await source.Db.ValuesCards.AsNoTracking().Where(c => c.SessionId == session && c.ChatId != null).ToListAsync(ct);
        var drafts = new List<ItemDraft>();
        foreach (var card in cards)
        {
            if (chats.FirstOrDefault(c => c.Id == card.ChatId) is not { } chat) continue;
            var policies = JsonSerializer.Deserialize<List<string>>(card.PoliciesJson) ?? [];
            drafts.Add(new ItemDraft($"values-card:{source.Key}:{card.Id}",
                new ItemContent("values-card", chat.QuestionText, "Question", Text: card.Description, TextLabel: "Values card",
                    Points: policies, Title: card.Title),
                source.Session.Id, chat.StageKey, ArtifactKey: card.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ConfigHash: source.Session.ConfigHash));
        }
        return drafts;
    }
}

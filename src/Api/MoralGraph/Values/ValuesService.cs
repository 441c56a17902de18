using System.Security.Claims;
using System.Text.Json;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.MoralGraph.Values;

/// <summary>
/// A study's canonical values for researchers: each value with its member cards (authors as pseudonyms only, no
/// times), merging two values and splitting a card off into a value of its own. Every change is audited in the same
/// SaveChanges. Votes name values by id, so a merge renames the merged value's id in the study's votes too.
/// </summary>
public sealed class ValuesService(PlatformDbContext db, IStudyAccess access, AuditLog audit)
{
    /// <summary>Audit action of a merge.</summary>
    public const string MergeAction = "study.merge-values";
    /// <summary>Audit action of a split.</summary>
    public const string SplitAction = "study.split-value-card";

    /// <summary>The study's values (optionally of one question), largest first.</summary>
    public async Task<IReadOnlyList<CanonicalValueView>> ListAsync(ClaimsPrincipal user, Guid studyId, string? questionId = null, CancellationToken ct = default)
    {
        var study = await access.GetVisibleAsync(db, user, studyId, ct);
        var cards = db.ValuesCards.AsNoTracking().Where(c => c.StudyId == study.Id);
        if (!string.IsNullOrWhiteSpace(questionId)) cards = cards.Where(c => c.QuestionId == questionId);
        var rows = await cards.OrderBy(c => c.Id).ToListAsync(ct);
        return rows.GroupBy(c => c.ValueId)
            .Select(g => new CanonicalValueView(g.Key, g.First().QuestionId, g.Select(Member).ToList()))
            .OrderByDescending(v => v.Cards.Count).ThenBy(v => v.QuestionId, StringComparer.Ordinal).ThenBy(v => v.Cards[0].Id)
            .ToList();
    }

    /// <summary>Moves every card of <paramref name="fromValueId"/> into <paramref name="intoValueId"/> (same question only).</summary>
    public async Task<CanonicalValueView> MergeAsync(ClaimsPrincipal user, Guid studyId, string intoValueId, string fromValueId, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        if (string.Equals(intoValueId, fromValueId, StringComparison.Ordinal))
            throw PlatformProblemException.BadInput("Choose two different values to merge.");
        var into = await db.ValuesCards.Where(c => c.StudyId == study.Id && c.ValueId == intoValueId).ToListAsync(ct);
        var from = await db.ValuesCards.Where(c => c.StudyId == study.Id && c.ValueId == fromValueId).ToListAsync(ct);
        if (into.Count == 0) throw new PlatformProblemException(404, "No such value", $"This study has no value '{intoValueId}'.");
        if (from.Count == 0) throw new PlatformProblemException(404, "No such value", $"This study has no value '{fromValueId}'.");
        if (into[0].QuestionId != from[0].QuestionId)
            throw PlatformProblemException.BadInput(
                $"'{fromValueId}' belongs to question '{from[0].QuestionId}' and '{intoValueId}' to '{into[0].QuestionId}'; votes compare values within one question, so only values of the same question can be merged.");
        foreach (var card in from) { card.ValueId = intoValueId; card.CanonicalDecision = "merged-by-researcher"; }
        var votes = await db.WiserVotes.Where(v => v.StudyId == study.Id && (v.FromValueId == fromValueId || v.ToValueId == fromValueId)).ToListAsync(ct);
        foreach (var vote in votes)
        {
            if (vote.FromValueId == fromValueId) vote.FromValueId = intoValueId;
            if (vote.ToValueId == fromValueId) vote.ToValueId = intoValueId;
        }
        audit.Record(db, user, MergeAction, intoValueId, study.Id,
            $"merged value '{fromValueId}' ({from.Count} cards) into '{intoValueId}'; {votes.Count} votes renamed");
        await db.SaveChangesAsync(ct);
        return new CanonicalValueView(intoValueId, into[0].QuestionId, into.Concat(from).OrderBy(c => c.Id).Select(Member).ToList());
    }

    /// <summary>Moves one card out of its value into a new value of its own (refused for a value's only card).</summary>
    public async Task<CanonicalValueView> SplitAsync(ClaimsPrincipal user, Guid studyId, long cardId, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        var card = await db.ValuesCards.SingleOrDefaultAsync(c => c.StudyId == study.Id && c.Id == cardId, ct)
            ?? throw new PlatformProblemException(404, "No such card", $"This study has no card {cardId}.");
        if (!await db.ValuesCards.AnyAsync(c => c.StudyId == study.Id && c.ValueId == card.ValueId && c.Id != card.Id, ct))
            throw PlatformProblemException.BadInput("This card is already the only card of its value.");
        var old = card.ValueId;
        card.ValueId = ValueCanonicalizer.NewValueId();
        card.CanonicalDecision = "split-by-researcher";
        audit.Record(db, user, SplitAction, card.ValueId, study.Id, $"card {card.Id} split off value '{old}' into '{card.ValueId}'");
        await db.SaveChangesAsync(ct);
        return new CanonicalValueView(card.ValueId, card.QuestionId, [Member(card)]);
    }

    private static ValueMemberCard Member(ValuesCardRecord c) => new(
        c.Id, c.Title, c.Description, JsonSerializer.Deserialize<string[]>(c.PoliciesJson) ?? [], c.AuthorPseudonym,
        c.Source.ToString().ToLowerInvariant(), c.Similarity, c.CanonicalDecision);
}

/// <summary>A canonical value: the cards that share its id.</summary>
/// <param name="ValueId">The value id (what votes name).</param>
/// <param name="QuestionId">The question it belongs to.</param>
/// <param name="Cards">Its cards, oldest first; the first stands for the value on the graph.</param>
public sealed record CanonicalValueView(string ValueId, string QuestionId, IReadOnlyList<ValueMemberCard> Cards);

/// <summary>A member card of a value as researchers see it (pseudonym only; no participant id, no time).</summary>
/// <param name="Id">Card id.</param>
/// <param name="Title">Title.</param>
/// <param name="Description">Description.</param>
/// <param name="Policies">Attentional policies.</param>
/// <param name="Author">Author's pseudonym, when known.</param>
/// <param name="Source"><c>interview</c> or <c>import</c>.</param>
/// <param name="Similarity">Similarity to the closest value when it was canonicalised.</param>
/// <param name="Decision">How it got its value (see <see cref="ValuesCardRecord.CanonicalDecision"/>).</param>
public sealed record ValueMemberCard(long Id, string Title, string Description, IReadOnlyList<string> Policies, string? Author,
    string Source, double? Similarity, string? Decision);

using System.Security.Claims;
using System.Text.Json;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.MoralGraph;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.MoralGraph;

/// <summary>
/// A study's moral graph: imports cards, votes and stories (this platform's import format, a graph JSON, or the original
/// Moral Graph Elicitation platform's tables and graph JSON), builds the graph for a slice of the study, and writes it
/// as graph JSON. Callers are staff (studies reached through <see cref="IStudyAccess"/>) or API keys (a study-bound key
/// reaches only its study).
/// </summary>
public sealed class MoralGraphService(PlatformDbContext db, IStudyAccess access, AuditLog audit, TimeProvider time)
{
    /// <summary>The audit action of an import.</summary>
    public const string ImportAction = "study.import-moral-graph";

    /// <summary>
    /// Reads <paramref name="json"/> — any format <see cref="MoralGraphFileReader"/> reads — and appends its valid values,
    /// stories and votes to the study in one transaction with the audit entry. Invalid items are skipped and reported;
    /// values and votes the study already has are not stored again (see <see cref="MoralGraphImportStore"/>). An
    /// unreadable document, or one with no valid item at all, is refused with a 400 problem and nothing is stored.
    /// </summary>
    public async Task<MoralGraphImportSummary> ImportAsync(ClaimsPrincipal user, Guid studyId, string json, CancellationToken ct = default)
    {
        var study = await StudyAsync(user, studyId, manage: true, ct);
        var known = (await LoadValuesAsync(study.Id, ct)).ToDictionary(v => v.Id, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var result = MoralGraphFileReader.Read(json, known, now);
        var whole = result.Problems.Where(p => p.Item == "$").ToList();
        if (whole.Count > 0)
            throw PlatformProblemException.BadInput(whole[0].Message, Errors(whole));
        if (result.Values.Count + result.ReusedValueIds.Count + result.Votes.Count + result.Stories.Count == 0)
            throw PlatformProblemException.BadInput(
                "The file has no valid value, vote or story, so nothing was imported." + (result.Problems.Count > 0 ? " See the errors per item." : ""),
                Errors(result.Problems));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (votes, knownVotes, stories) = await MoralGraphImportStore.AddAsync(db, study.Id, result, known, now, ct);
        audit.Record(db, user, ImportAction, study.Slug, study.Id,
            $"{result.Format}: {result.Values.Count} values, {votes} votes, {stories} stories, {result.Problems.Count} problems"
            + (result.ReusedValueIds.Count + knownVotes > 0 ? $"; already in the study: {result.ReusedValueIds.Count} values, {knownVotes} votes" : ""));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new MoralGraphImportSummary(result.Format, result.Values.Count, votes, result.Problems, result.ReusedValueIds.Count, knownVotes, stories);
    }

    /// <summary>
    /// The study's graph for the slice <paramref name="filter"/>, built as <paramref name="options"/> says (default: the
    /// published definitions). A question or context the study does not have is a 404 problem naming it, not an empty graph.
    /// </summary>
    public async Task<MoralGraphDocument> BuildAsync(ClaimsPrincipal user, Guid studyId, MoralGraphFilter? filter = null,
        MoralGraphOptions? options = null, CancellationToken ct = default)
    {
        var study = await StudyAsync(user, studyId, manage: false, ct);
        filter ??= MoralGraphFilter.All;
        if (filter.QuestionId is { } question && await QuestionsOfAsync(study.Id, ct) is var questions && !questions.Contains(question))
            throw NotInStudy("question", question, questions);
        var context = filter.Context?.Trim();
        if (context is not null && !await db.WiserVotes.AnyAsync(v => v.StudyId == study.Id && v.Context == context, ct))
            throw NotInStudy("context", context, await ContextsOfAsync(study.Id, ct));

        var values = await LoadValuesAsync(study.Id, ct);
        var votes = db.WiserVotes.AsNoTracking().Where(v => v.StudyId == study.Id);
        if (filter.QuestionId is { } q) votes = votes.Where(v => v.QuestionId == q);
        if (context is not null) votes = votes.Where(v => v.Context == context);
        // PostgreSQL's timestamptz takes UTC instants only; the same instant in UTC compares the same.
        if (filter.From is { } from) { var f = from.ToUniversalTime(); votes = votes.Where(v => v.CastAt >= f); }
        if (filter.To is { } to) { var t = to.ToUniversalTime(); votes = votes.Where(v => v.CastAt < t); }
        if (filter.Batch is { } batch) votes = votes.Where(v => v.Batch == batch);
        // Storage order is file order for imports and casting order here: the order the published code aggregates in.
        var rows = await votes.OrderBy(v => v.Id)
            .Select(v => new WiserVote(v.VoterKey, v.FromValueId, v.ToValueId, v.Choice, v.Context, v.Reason, v.CastAt, v.Batch, v.QuestionId))
            .ToListAsync(ct);
        // The database filtered already; the builder applies the same filter again, which keeps the two in step.
        return MoralGraphBuilder.Build(values, rows, filter, options);
    }

    /// <summary>A value's card and the votes that compared it with another value (newest first, at most <paramref name="limit"/>).</summary>
    public async Task<(CanonicalValue Value, IReadOnlyList<WiserVote> Votes)?> GetValueAsync(ClaimsPrincipal user, Guid studyId, string valueId,
        int limit = 200, CancellationToken ct = default)
    {
        var study = await StudyAsync(user, studyId, manage: false, ct);
        // A value is a group of cards sharing its id; its first card stands for it.
        var card = await db.ValuesCards.AsNoTracking().Where(c => c.StudyId == study.Id && c.ValueId == valueId).OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
        if (card is null) return null;
        var votes = await db.WiserVotes.AsNoTracking()
            .Where(v => v.StudyId == study.Id && (v.FromValueId == valueId || v.ToValueId == valueId))
            .OrderByDescending(v => v.CastAt).ThenBy(v => v.Id).Take(limit)
            .Select(v => new WiserVote(v.VoterKey, v.FromValueId, v.ToValueId, v.Choice, v.Context, v.Reason, v.CastAt, v.Batch, v.QuestionId))
            .ToListAsync(ct);
        return (ToValue(card), votes);
    }

    /// <summary>The questions of the study's values and votes, for the filter.</summary>
    public async Task<IReadOnlyList<string>> QuestionsAsync(ClaimsPrincipal user, Guid studyId, CancellationToken ct = default) =>
        await QuestionsOfAsync((await StudyAsync(user, studyId, manage: false, ct)).Id, ct);

    /// <summary>The contexts of the study's votes, for the filter.</summary>
    public async Task<IReadOnlyList<string>> ContextsAsync(ClaimsPrincipal user, Guid studyId, CancellationToken ct = default) =>
        await ContextsOfAsync((await StudyAsync(user, studyId, manage: false, ct)).Id, ct);

    /// <summary>The graph as JSON (the format <see cref="ImportAsync"/> also reads).</summary>
    public static string ExportJson(MoralGraphDocument graph) => MoralGraphJson.Serialize(graph);

    private async Task<IReadOnlyList<string>> QuestionsOfAsync(Guid studyId, CancellationToken ct)
    {
        var ofValues = await db.ValuesCards.Where(c => c.StudyId == studyId).Select(c => c.QuestionId).Distinct().ToListAsync(ct);
        var ofVotes = await db.WiserVotes.Where(v => v.StudyId == studyId).Select(v => v.QuestionId).Distinct().ToListAsync(ct);
        return ofValues.Union(ofVotes).Order(StringComparer.Ordinal).ToList();
    }

    private async Task<IReadOnlyList<string>> ContextsOfAsync(Guid studyId, CancellationToken ct) =>
        (await db.WiserVotes.Where(v => v.StudyId == studyId && v.Context != null).Select(v => v.Context!).Distinct().ToListAsync(ct))
            .Order(StringComparer.Ordinal).ToList();

    private static PlatformProblemException NotInStudy(string what, string name, IReadOnlyList<string> known) =>
        new(404, $"Unknown {what}", $"This study has no {what} '{name}'. " + (known.Count == 0
            ? "It has no values or votes yet."
            : $"Its {what}s are: {string.Join(", ", known.Take(30).Select(k => $"'{k}'"))}{(known.Count > 30 ? $" and {known.Count - 30} more" : "")}."));

    private async Task<List<CanonicalValue>> LoadValuesAsync(Guid studyId, CancellationToken ct)
    {
        var cards = db.ValuesCards.AsNoTracking().Where(c => c.StudyId == studyId);
        // Cards merged into one canonical value share its id; the value's first card stands for it.
        return (await cards.OrderBy(c => c.Id).ToListAsync(ct)).DistinctBy(c => c.ValueId).Select(ToValue).ToList();
    }

    private static CanonicalValue ToValue(ValuesCardRecord c) =>
        new(c.ValueId, c.QuestionId, new ValuesCard(c.Title, c.Description, JsonSerializer.Deserialize<string[]>(c.PoliciesJson) ?? []));

    private Task<Study> StudyAsync(ClaimsPrincipal user, Guid studyId, bool manage, CancellationToken ct) =>
        access.GetStudyAsync(db, user, studyId, manage, ct);

    private static Dictionary<string, string[]> Errors(IEnumerable<ImportProblem> problems) =>
        problems.GroupBy(p => p.Item).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
}

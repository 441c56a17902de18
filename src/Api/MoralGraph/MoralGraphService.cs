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
/// A study's moral graph: imports cards and votes (from another platform's study, or an exported graph JSON),
/// builds the graph for a slice of the study, and writes it as graph JSON. Callers are staff (studies reached
/// through <see cref="IStudyAccess"/>) or API keys (a study-bound key reaches only its study).
/// </summary>
public sealed class MoralGraphService(PlatformDbContext db, IStudyAccess access, AuditLog audit, TimeProvider time)
{
    /// <summary>The audit action of an import.</summary>
    public const string ImportAction = "study.import-moral-graph";

    /// <summary>
    /// Reads <paramref name="json"/> — the import format of <c>src/Domain/MoralGraph/README.md</c>, or a graph JSON
    /// (recognised by its <c>edges</c>) — and stores its valid values and votes in one transaction with the audit
    /// entry. Invalid items are skipped and reported. An unreadable document, one with no valid item, or value ids
    /// the study already has are refused with a 400/409 problem and nothing is stored.
    /// </summary>
    public async Task<MoralGraphImportSummary> ImportAsync(ClaimsPrincipal user, Guid studyId, string json, CancellationToken ct = default)
    {
        var study = await StudyAsync(user, studyId, manage: true, ct);
        var (format, result) = Read(json);
        var whole = result.Problems.Where(p => p.Item == "$").ToList();
        if (whole.Count > 0)
            throw PlatformProblemException.BadInput(whole[0].Message, Errors(whole));
        if (result.Values.Count == 0)
            throw PlatformProblemException.BadInput(
                "The file has no valid values, so nothing was imported." + (result.Problems.Count > 0 ? " See the errors per item." : ""), Errors(result.Problems));

        var ids = result.Values.Select(v => v.Id).ToList();
        var taken = await db.ValuesCards.Where(c => c.StudyId == study.Id && ids.Contains(c.ValueId)).Select(c => c.ValueId).Take(5).ToListAsync(ct);
        if (taken.Count > 0)
            throw PlatformProblemException.Conflict(
                $"This study already has values with the ids {string.Join(", ", taken.Select(t => $"'{t}'"))}; nothing was imported. Import into a study without them, or give the values new ids.");

        var now = time.GetUtcNow();
        var questions = result.Values.ToDictionary(v => v.Id, v => v.QuestionId, StringComparer.Ordinal);
        db.ValuesCards.AddRange(result.Values.Select(v => new ValuesCardRecord
        {
            StudyId = study.Id, ValueId = v.Id, QuestionId = v.QuestionId, Title = v.Card.Title, Description = v.Card.Description,
            PoliciesJson = JsonSerializer.Serialize(v.Card.AttentionalPolicies), CreatedAt = now, Source = MoralGraphSource.Import,
        }));
        db.WiserVotes.AddRange(result.Votes.Select(v => new WiserVoteRecord
        {
            StudyId = study.Id, FromValueId = v.FromValueId, ToValueId = v.ToValueId, Choice = v.Choice, Context = v.Context,
            Reason = v.Reason, VoterKey = v.ParticipantKey, QuestionId = questions[v.FromValueId], Batch = v.Batch,
            CastAt = v.CastAt.ToUniversalTime(), Source = MoralGraphSource.Import,
        }));
        audit.Record(db, user, ImportAction, study.Slug, study.Id,
            $"{format}: {result.Values.Count} values, {result.Votes.Count} votes, {result.Problems.Count} problems");
        await db.SaveChangesAsync(ct);
        return new MoralGraphImportSummary(format, result.Values.Count, result.Votes.Count, result.Problems);
    }

    /// <summary>The study's graph for the slice <paramref name="filter"/>, with edges kept by <paramref name="thresholds"/>.</summary>
    public async Task<MoralGraphDocument> BuildAsync(ClaimsPrincipal user, Guid studyId, MoralGraphFilter? filter = null,
        GraphThresholds? thresholds = null, CancellationToken ct = default)
    {
        var study = await StudyAsync(user, studyId, manage: false, ct);
        filter ??= MoralGraphFilter.All;
        var values = await LoadValuesAsync(study.Id, filter.QuestionId, ct);
        var votes = db.WiserVotes.AsNoTracking().Where(v => v.StudyId == study.Id);
        if (filter.QuestionId is { } q) votes = votes.Where(v => v.QuestionId == q);
        // PostgreSQL's timestamptz takes UTC instants only; the same instant in UTC compares the same.
        if (filter.From is { } from) { var f = from.ToUniversalTime(); votes = votes.Where(v => v.CastAt >= f); }
        if (filter.To is { } to) { var t = to.ToUniversalTime(); votes = votes.Where(v => v.CastAt < t); }
        if (filter.Batch is { } batch) votes = votes.Where(v => v.Batch == batch);
        var rows = await votes.Select(v => new WiserVote(v.VoterKey, v.FromValueId, v.ToValueId, v.Choice, v.Context, v.Reason, v.CastAt, v.Batch))
            .ToListAsync(ct);
        // The database filtered already; the builder applies the same filter again, which keeps the two in step.
        return MoralGraphBuilder.Build(values, rows, filter, thresholds);
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
            .Select(v => new WiserVote(v.VoterKey, v.FromValueId, v.ToValueId, v.Choice, v.Context, v.Reason, v.CastAt, v.Batch))
            .ToListAsync(ct);
        return (ToValue(card), votes);
    }

    /// <summary>The questions the study's values belong to, for the filter.</summary>
    public async Task<IReadOnlyList<string>> QuestionsAsync(ClaimsPrincipal user, Guid studyId, CancellationToken ct = default)
    {
        var study = await StudyAsync(user, studyId, manage: false, ct);
        return await db.ValuesCards.Where(c => c.StudyId == study.Id).Select(c => c.QuestionId).Distinct().OrderBy(q => q).ToListAsync(ct);
    }

    /// <summary>The graph as JSON (the format <see cref="ImportAsync"/> also reads).</summary>
    public static string ExportJson(MoralGraphDocument graph) => MoralGraphJson.Serialize(graph);

    private (string Format, MoralGraphImportResult Result) Read(string json)
    {
        bool isGraph;
        try
        {
            using var doc = JsonDocument.Parse(json);
            isGraph = doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.EnumerateObject().Any(p => p.NameEquals("edges") || string.Equals(p.Name, "edges", StringComparison.OrdinalIgnoreCase));
        }
        catch (JsonException e)
        {
            return ("import", new MoralGraphImportResult([], [], [new ImportProblem("$", $"The file is not valid JSON: {e.Message}")]));
        }
        if (!isGraph) return ("import", MoralGraphImporter.Import(json));
        try
        {
            return ("graph", MoralGraphImporter.Validate(GraphJsonAsImport.Convert(MoralGraphJson.Deserialize(json), time.GetUtcNow())));
        }
        catch (JsonException e)
        {
            return ("graph", new MoralGraphImportResult([], [], [new ImportProblem("$", $"The file looks like a graph JSON (it has 'edges') but cannot be read as one: {e.Message}")]));
        }
    }

    private async Task<List<CanonicalValue>> LoadValuesAsync(Guid studyId, string? question, CancellationToken ct)
    {
        var cards = db.ValuesCards.AsNoTracking().Where(c => c.StudyId == studyId);
        if (question is not null) cards = cards.Where(c => c.QuestionId == question);
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

using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Validation;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Studies;

/// <summary>
/// Reusable questionnaires. Every researcher sees all of them; only the owner (or an admin) changes or deletes
/// one, and only admins the built-in ones. When the table is empty the built-in instruments are added. Every task
/// type's default survey is listed too, as the instrument <c>task-{type key}</c> (read-only: it lives in code).
/// </summary>
public sealed partial class SurveyInstrumentService(
    PlatformDbContext db, IDbContextFactory<PlatformDbContext> dbFactory, AuditLog audit, Tasks.TaskCatalog catalog, TimeProvider time)
{
    /// <summary>Owner name of the built-in instruments.</summary>
    public const string SystemOwner = "system";

    /// <summary>Owner name of the task types' default surveys (they cannot be changed or deleted).</summary>
    public const string CatalogOwner = "task catalog";

    /// <summary>Key prefix of the task types' default surveys (reserved for them).</summary>
    public const string TaskPrefix = "task-";

    /// <summary>Every task type's default survey as an instrument (key <c>task-{type key}</c>).</summary>
    public IReadOnlyList<InstrumentView> TaskInstruments() => catalog.All
        .Where(t => t.DefaultSurvey is { Items.Count: > 0 })
        .Select(t => new InstrumentView(Guid.Empty, TaskPrefix + t.Key, $"{t.Name}: default questionnaire",
            $"The questionnaire the task catalog proposes after a {t.Name} stage.", t.DefaultSurvey! with { InstrumentKey = TaskPrefix + t.Key },
            CatalogOwner, DateTimeOffset.UnixEpoch))
        .ToList();

    /// <summary>All instruments by name (adds the built-in ones to an empty table first).</summary>
    public async Task<IReadOnlyList<InstrumentView>> ListAsync(CancellationToken ct = default)
    {
        if (!await db.SurveyInstruments.AnyAsync(ct)) await SeedBuiltInsAsync(ct);
        var rows = await db.SurveyInstruments.AsNoTracking().OrderBy(i => i.Name).ToListAsync(ct);
        var taskKeys = TaskInstruments().ToDictionary(i => i.Key);
        // A stored instrument never hides a task's (its key prefix is reserved, but older rows may predate that).
        return rows.Select(View).Where(i => !taskKeys.ContainsKey(i.Key)).Concat(taskKeys.Values).ToList();
    }

    // In a context of its own: when another request seeded them at the same moment, the refused copies go with it.
    private async Task SeedBuiltInsAsync(CancellationToken ct)
    {
        await using var seed = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        foreach (var b in BuiltInInstruments.All)
            seed.SurveyInstruments.Add(new SurveyInstrument
            {
                Key = b.Key, Name = b.Name, Description = b.Description, SurveyJson = Serialize(b.Survey), Owner = SystemOwner, CreatedAt = now,
            });
        try { await seed.SaveChangesAsync(ct); }
        catch (DbUpdateException) { } // the other request's rows are there
    }

    /// <summary>Creates an instrument owned by the user.</summary>
    public async Task<InstrumentView> CreateAsync(ClaimsPrincipal user, InstrumentDraft draft, CancellationToken ct = default)
    {
        var errors = Check(draft);
        if (await db.SurveyInstruments.AnyAsync(i => i.Key == draft.Key, ct))
            errors.Add("key", $"The key '{draft.Key}' is already used by another instrument.");
        PlatformProblemException.RefuseIfAny(errors, "The instrument was not saved.");
        var row = new SurveyInstrument
        {
            Key = draft.Key, Name = draft.Name.Trim(), Description = draft.Description.Trim(),
            SurveyJson = Serialize(draft.Survey with { InstrumentKey = null }), Owner = user.Identity?.Name ?? "", CreatedAt = time.GetUtcNow(),
        };
        db.SurveyInstruments.Add(row);
        audit.Record(db, user, "instrument.create", draft.Key);
        await db.SaveChangesAsync(ct);
        return View(row);
    }

    /// <summary>Replaces name, description and items (the key stays: studies refer to it).</summary>
    public async Task<InstrumentView> UpdateAsync(ClaimsPrincipal user, Guid id, InstrumentDraft draft, CancellationToken ct = default)
    {
        var row = await ChangeableAsync(user, id, ct);
        PlatformProblemException.RefuseIfAny(Check(draft with { Key = row.Key }), "The instrument was not saved.");
        row.Name = draft.Name.Trim();
        row.Description = draft.Description.Trim();
        row.SurveyJson = Serialize(draft.Survey with { InstrumentKey = null });
        audit.Record(db, user, "instrument.update", row.Key);
        await db.SaveChangesAsync(ct);
        return View(row);
    }

    /// <summary>Deletes an instrument; studies that copied it keep their items.</summary>
    public async Task DeleteAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        var row = await ChangeableAsync(user, id, ct);
        db.SurveyInstruments.Remove(row);
        audit.Record(db, user, "instrument.delete", row.Key);
        await db.SaveChangesAsync(ct);
    }

    private async Task<SurveyInstrument> ChangeableAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        if (id == Guid.Empty)
            throw new PlatformProblemException(403, "Not yours to change",
                "A task type's questionnaire is part of the task catalog; insert it into a study and change the copy there.");
        var row = await db.SurveyInstruments.SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new PlatformProblemException(404, "Instrument not found", "This instrument does not exist (any more).");
        if (!user.IsInRole(StaffRoles.Admin) && row.Owner != user.Identity?.Name)
            throw new PlatformProblemException(403, "Not yours to change",
                $"'{row.Name}' belongs to {(row.Owner == SystemOwner ? "the platform" : row.Owner)}; insert it into a study and change the copy there.");
        return row;
    }

    private static FieldErrors Check(InstrumentDraft d)
    {
        var errors = new FieldErrors();
        if (!KeyPattern().IsMatch(d.Key ?? "")) errors.Add("key", "Use lowercase letters, digits and dashes for the key.");
        else if (d.Key!.StartsWith(TaskPrefix, StringComparison.Ordinal)) errors.Add("key", $"Keys starting with '{TaskPrefix}' are kept for the task types' questionnaires.");
        if (string.IsNullOrWhiteSpace(d.Name)) errors.Add("name", "The instrument needs a name.");
        if (d.Survey.Items.Count == 0) errors.Add("survey", "Add at least one question.");
        // The same checks as a survey stage of a study, so an instrument always inserts cleanly.
        var asStage = new StageConfig("instrument", StageKind.Survey, d.Name ?? "", Survey: d.Survey);
        var probe = new StudyConfig { Title = "probe", Stages = [asStage], Conditions = [StudyTemplates.NewCondition("a")] };
        // The stage's paths become the instrument's: stages[0].survey.items[2].max is survey.items[2].max here.
        errors.AddAll(StudyConfigProblems.Find(probe).Where(p => p.Key.StartsWith("stages[0].survey", StringComparison.Ordinal))
            .ToDictionary(p => p.Key["stages[0].".Length..], p => p.Value));
        return errors;
    }

    private static InstrumentView View(SurveyInstrument row) => new(row.Id, row.Key, row.Name, row.Description,
        JsonSerializer.Deserialize<SurveyConfig>(row.SurveyJson, ConfigHash.Json)! with { InstrumentKey = row.Key }, row.Owner, row.CreatedAt);

    private static string Serialize(SurveyConfig survey) => JsonSerializer.Serialize(survey, ConfigHash.Json);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();
}

/// <summary>An instrument as the builder shows it.</summary>
/// <param name="Id">Row id.</param>
/// <param name="Key">Stable key.</param>
/// <param name="Name">Name.</param>
/// <param name="Description">What it measures.</param>
/// <param name="Survey">Its items, with <c>InstrumentKey</c> set to <paramref name="Key"/> (ready to insert).</param>
/// <param name="Owner">Who may change it.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record InstrumentView(Guid Id, string Key, string Name, string Description, SurveyConfig Survey, string Owner, DateTimeOffset CreatedAt);

/// <summary>What a researcher writes when creating or editing an instrument.</summary>
/// <param name="Key">Stable key (ignored on update).</param>
/// <param name="Name">Name.</param>
/// <param name="Description">What it measures.</param>
/// <param name="Survey">Its items.</param>
public sealed record InstrumentDraft(string Key, string Name, string Description, SurveyConfig Survey);

using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.Tasks;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Stimuli;

/// <summary>
/// Stimulus sets by key: the demo sets every task type ships (kept in memory, keys <c>demo-…</c>) and the sets
/// researchers uploaded (their items never edited; the name can change). Uploads are parsed by the task type's
/// <see cref="StimulusFormat"/> before anything is stored, so a set in the store is always one its task can read. The
/// same items uploaded again (same kind and content hash) are refused, naming the set that has them. A set can be
/// renamed or deleted by whoever uploaded it or an admin; a set a study version reads cannot be deleted (versions are
/// frozen and must keep reading what they were built with).
/// </summary>
public sealed class StimulusStore(PlatformDbContext db, TaskCatalog catalog, AuditLog audit, TimeProvider time)
{
    /// <summary>Audit actions.</summary>
    public const string UploadAction = "stimuli.upload", RenameAction = "stimuli.rename", DeleteAction = "stimuli.delete";

    /// <summary>Largest file accepted.</summary>
    public const int MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>Every stimulus format of the catalog's task types, by kind.</summary>
    public IReadOnlyDictionary<string, StimulusFormat> Formats => catalog.All
        .Where(t => t.Stimuli is not null).Select(t => t.Stimuli!)
        .GroupBy(f => f.Kind).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>The set with this key, or null.</summary>
    public async Task<StimulusSetContent?> GetAsync(string key, CancellationToken ct = default)
    {
        foreach (var format in Formats.Values)
            if (format.DemoSets.FirstOrDefault(d => d.Key == key) is { } demo) return Demo(format, demo);
        var set = await db.StimulusSets.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, ct);
        return set is null ? null
            : new StimulusSetContent(set.Key, set.Name, set.Kind, TaskEventLog.Parse(set.ItemsJson), set.ItemCount, BuiltIn: false);
    }

    /// <summary>Summaries of every set (demo sets first), optionally of one kind.</summary>
    public async Task<IReadOnlyList<StimulusSetSummary>> ListAsync(string? kind = null, CancellationToken ct = default)
    {
        var demos = Formats.Values.Where(f => kind is null || f.Kind == kind)
            .SelectMany(f => f.DemoSets.Select(d => Demo(f, d)))
            .Select(d => new StimulusSetSummary(d.Key, d.Name, d.Kind, d.Count, true, null, null));
        var stored = await db.StimulusSets.AsNoTracking().Where(s => kind == null || s.Kind == kind)
            .OrderByDescending(s => s.CreatedAt)
            .Select(s => new StimulusSetSummary(s.Key, s.Name, s.Kind, s.ItemCount, false, s.Owner, s.CreatedAt))
            .ToListAsync(ct);
        return [.. demos, .. stored];
    }

    /// <summary>
    /// Parses and stores an uploaded file as a new set. A file with problems is refused as a whole with every
    /// problem listed (a 400 problem from <see cref="StimulusRefusal"/>); nothing is stored then.
    /// </summary>
    public async Task<StimulusSetSummary> UploadAsync(ClaimsPrincipal user, string name, string kind, string fileName, string content, CancellationToken ct = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 200) throw PlatformProblemException.BadInput("Give the stimulus set a name of at most 200 characters.");
        if (!Formats.TryGetValue(kind, out var format))
            throw PlatformProblemException.BadInput($"There is no stimulus kind '{kind}'. Known kinds: {string.Join(", ", Formats.Keys.Order())}.");
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (!format.Extensions.Contains(extension))
            throw PlatformProblemException.BadInput($"A {kind} set is uploaded as {string.Join(" or ", format.Extensions)}; '{fileName}' is not.");
        if (Encoding.UTF8.GetByteCount(content) > MaxFileBytes)
            throw PlatformProblemException.BadInput($"Stimulus files are limited to {MaxFileBytes / 1024 / 1024} MB.");

        var parsed = format.Parse(fileName, content);
        if (parsed.Problems.Count > 0 || parsed.Items is not { } items) throw StimulusRefusal.For(fileName, parsed.Problems);
        if (parsed.Count == 0) throw StimulusRefusal.For(fileName, [new StimulusProblem(null, "The file holds no items.")]);

        var json = items.GetRawText();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        if (await db.StimulusSets.AsNoTracking().Where(s => s.Kind == kind && s.ContentHash == hash).FirstOrDefaultAsync(ct) is { } same)
            throw PlatformProblemException.Conflict(
                $"'{fileName}' holds the same {parsed.Count} items as the set '{same.Name}' ({same.Key}), uploaded by {same.Owner} on {same.CreatedAt:yyyy-MM-dd}. Use that set, or rename it.");
        var set = new StimulusSet
        {
            Key = KeyFor(name), Name = name, Kind = kind, ItemsJson = json, ItemCount = parsed.Count,
            ContentHash = hash,
            SourceFileName = Path.GetFileName(fileName), Owner = user.Identity?.Name ?? "unknown", CreatedAt = time.GetUtcNow(),
        };
        db.StimulusSets.Add(set);
        audit.Record(db, user, UploadAction, set.Key, detail: $"{kind}: {parsed.Count} items from {set.SourceFileName}");
        await db.SaveChangesAsync(ct);
        return new StimulusSetSummary(set.Key, set.Name, set.Kind, set.ItemCount, false, set.Owner, set.CreatedAt);
    }

    /// <summary>Gives an uploaded set a new name (its key, which studies use, stays). Audited.</summary>
    public async Task<StimulusSetSummary> RenameAsync(ClaimsPrincipal user, string key, string name, CancellationToken ct = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 200)
            throw PlatformProblemException.BadInput("Give the stimulus set a name of at most 200 characters.", new Dictionary<string, string[]> { ["name"] = ["Give a name of 1 to 200 characters."] });
        var set = await ChangeableAsync(user, key, ct);
        if (set.Name != name)
        {
            audit.Record(db, user, RenameAction, set.Key, detail: $"'{set.Name}' → '{name}'");
            set.Name = name;
            await db.SaveChangesAsync(ct);
        }
        return new StimulusSetSummary(set.Key, set.Name, set.Kind, set.ItemCount, false, set.Owner, set.CreatedAt);
    }

    /// <summary>Deletes an uploaded set no study version reads (409 naming the studies otherwise). Audited.</summary>
    public async Task DeleteAsync(ClaimsPrincipal user, string key, CancellationToken ct = default)
    {
        var set = await ChangeableAsync(user, key, ct);
        // Configs are JSON columns (jsonb on PostgreSQL, no portable text search), and deleting is rare: every version is
        // streamed once, a text match picks the candidates and parsing confirms.
        var users = new List<string>();
        await foreach (var v in db.StudyVersions.AsNoTracking().OrderBy(v => v.Number)
                           .Select(v => new { v.ConfigJson, v.Number, v.Study!.Slug }).AsAsyncEnumerable().WithCancellation(ct))
            if (v.ConfigJson.Contains(set.Key, StringComparison.Ordinal)
                && Domain.Studies.ConfigHash.Parse(v.ConfigJson).Stages.Any(s => s.Task?.Stimuli == set.Key))
                users.Add($"{v.Slug} v{v.Number}");
        if (users.Count > 0)
            throw PlatformProblemException.Conflict(
                $"'{set.Name}' is read by {string.Join(", ", users)}. Study versions are frozen and keep reading their sets, so it cannot be deleted; rename it instead.");
        db.StimulusSets.Remove(set);
        audit.Record(db, user, DeleteAction, set.Key, detail: $"'{set.Name}' ({set.Kind}, {set.ItemCount} items)");
        await db.SaveChangesAsync(ct);
    }

    private async Task<StimulusSet> ChangeableAsync(ClaimsPrincipal user, string key, CancellationToken ct)
    {
        if (Formats.Values.Any(f => f.DemoSets.Any(d => d.Key == key)))
            throw PlatformProblemException.BadInput($"'{key}' is a demo set built into the platform; it cannot be renamed or deleted.");
        var set = await db.StimulusSets.SingleOrDefaultAsync(s => s.Key == key, ct)
            ?? throw new PlatformProblemException(404, "Stimulus set not found", $"There is no stimulus set '{key}'.");
        if (!user.IsInRole(Staff.StaffRoles.Admin) && !string.Equals(set.Owner, user.Identity?.Name, StringComparison.Ordinal))
            throw new PlatformProblemException(403, "Not your stimulus set", $"'{set.Name}' was uploaded by {set.Owner}; only they or an admin can rename or delete it.");
        return set;
    }

    private static StimulusSetContent Demo(StimulusFormat format, DemoStimulusSet demo)
    {
        var parsed = format.Parse(demo.FileName, demo.Content);
        if (parsed.Items is not { } items)
            throw new InvalidOperationException($"Demo set '{demo.Key}' does not parse: {string.Join("; ", parsed.Problems.Select(p => p.Message))}");
        return new StimulusSetContent(demo.Key, demo.Name, format.Kind, items, parsed.Count, BuiltIn: true);
    }

    // Readable and unique: a slug of the name plus a short random suffix.
    private static string KeyFor(string name)
    {
        var slug = new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        slug = string.Join('-', slug.Split('-', StringSplitOptions.RemoveEmptyEntries));
        if (slug.Length > 40) slug = slug[..40].TrimEnd('-');
        return $"{(slug.Length == 0 ? "set" : slug)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
    }
}

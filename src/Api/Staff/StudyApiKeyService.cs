using System.Security.Claims;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Staff;

/// <summary><see cref="IStudyApiKeys"/> on <see cref="ApiKeyService"/> (which shares this scope's context, so the audit entry saves with the key).</summary>
public sealed class StudyApiKeyService(PlatformDbContext db, ApiKeyService keys, IStudyAccess access, AuditLog audit, TimeProvider time)
    : IStudyApiKeys
{
    /// <inheritdoc />
    public async Task<(string Slug, IReadOnlyList<StudyApiKeyView> Keys)> ListAsync(ClaimsPrincipal user, Guid studyId, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        var rows = await db.ApiKeys.AsNoTracking().Where(k => k.StudyId == studyId).ToListAsync(ct);
        return (study.Slug, rows.OrderByDescending(k => k.CreatedAt)
            .Select(k => new StudyApiKeyView(k.Id, k.Prefix, k.Scopes, k.Owner, k.CreatedAt, k.RevokedAt, k.Name)).ToList());
    }

    /// <inheritdoc />
    public async Task<CreatedApiKey> CreateAsync(ClaimsPrincipal user, Guid studyId, string name, IReadOnlyList<string> scopes, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        name = (name ?? "").Trim();
        if (name.Length is 0 or > ApiKeyService.MaxNameLength)
            throw PlatformProblemException.BadInput("Give the key a name that says what it is for (e.g. \"nightly R pull\"), up to 100 characters.",
                new Dictionary<string, string[]> { ["name"] = ["Give the key a name of 1 to 100 characters."] });
        if (scopes.Count == 0 || scopes.Any(s => s is not (ApiKeyScopes.Export or ApiKeyScopes.Import)))
            throw PlatformProblemException.BadInput($"Choose the key's scopes: '{ApiKeyScopes.Export}' and/or '{ApiKeyScopes.Import}'.");
        audit.Record(db, user, StaffAuditActions.ApiKeyCreate, study.Slug, studyId, $"\"{name}\", scopes {string.Join(",", scopes)}");
        var created = await keys.CreateAsync(user.Identity?.Name ?? "", studyId, scopes, name, ct);
        return created;
    }

    /// <inheritdoc />
    public async Task RevokeAsync(ClaimsPrincipal user, Guid studyId, Guid keyId, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.StudyId == studyId, ct)
            ?? throw new PlatformProblemException(404, "API key not found", "This study has no such key; reload the page.");
        if (key.RevokedAt is not null) return;
        key.RevokedAt = time.GetUtcNow();
        audit.Record(db, user, StaffAuditActions.ApiKeyRevoke, study.Slug, studyId, $"key {key.Prefix}… \"{key.Name}\"");
        await db.SaveChangesAsync(ct);
    }
}

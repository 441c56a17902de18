using System.Security.Cryptography;
using System.Text;
using InteractionLab.Api.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.ApiKeys;

/// <summary>
/// Creates, checks and revokes API keys. A key is <c>il_</c> + 32 random bytes (base64url); only its prefix and
/// SHA-256 hash are stored (the key has 256 bits of entropy, so a fast hash is enough — unlike passwords).
/// </summary>
public sealed class ApiKeyService(PlatformDbContext db, TimeProvider time)
{
    /// <summary>Every key starts with this.</summary>
    public const string KeyPrefix = "il_";
    private const int PrefixLength = 10;
    /// <summary>Longest key name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Creates a key named <paramref name="name"/> (what it is for) and returns it once.</summary>
    public async Task<CreatedApiKey> CreateAsync(string owner, Guid? studyId, IReadOnlyList<string> scopes, string? name = null, CancellationToken ct = default)
    {
        var key = KeyPrefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var record = new ApiKey
        {
            Prefix = key[..PrefixLength], Hash = Hash(key), Owner = owner, StudyId = studyId, Name = (name ?? "").Trim(),
            Scopes = scopes.Distinct().ToList(), CreatedAt = time.GetUtcNow(),
        };
        db.ApiKeys.Add(record);
        await db.SaveChangesAsync(ct);
        return new CreatedApiKey(record.Id, key, record.Prefix);
    }

    /// <summary>The active (not revoked) key record for a presented key, or null.</summary>
    public async Task<ApiKey?> FindActiveAsync(string presented, CancellationToken ct = default)
    {
        if (!presented.StartsWith(KeyPrefix, StringComparison.Ordinal) || presented.Length > 100) return null;
        var hash = Hash(presented);
        return await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, ct);
    }

    /// <summary>Revokes a key; false when it does not exist.</summary>
    public async Task<bool> RevokeAsync(Guid id, CancellationToken ct = default) =>
        await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(k => k.RevokedAt, time.GetUtcNow()), ct) > 0;

    /// <summary>Lower-case hex SHA-256 of a key.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

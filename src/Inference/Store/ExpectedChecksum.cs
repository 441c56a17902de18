using System.Security.Cryptography;
using System.Text;

namespace InteractionLab.Inference.Store;

/// <summary>
/// What the hub promises about a file: LFS files carry their SHA-256 (X-Linked-Etag or the listing's lfs.sha256);
/// small files in git carry the git blob SHA-1 as their ETag. Either is checked after download.
/// </summary>
internal sealed record ExpectedChecksum(string Algorithm, string Hex)
{
    public static ExpectedChecksum? FromEtag(string? etag)
    {
        var value = etag?.Trim().Replace("W/", "", StringComparison.Ordinal).Trim('"').ToLowerInvariant();
        return value switch
        {
            { Length: 64 } when IsHex(value) => new ExpectedChecksum("sha256", value),
            { Length: 40 } when IsHex(value) => new ExpectedChecksum("git-sha1", value),
            _ => null,
        };
    }

    public async Task<string> ComputeAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        if (Algorithm == "sha256")
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        }

        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha1.AppendData(Encoding.ASCII.GetBytes($"blob {stream.Length}\0"));
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            sha1.AppendData(buffer, 0, read);
        }

        return Convert.ToHexStringLower(sha1.GetHashAndReset());
    }

    private static bool IsHex(string s) => s.All(char.IsAsciiHexDigit);
}

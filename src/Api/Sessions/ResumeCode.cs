using System.Security.Cryptography;
using System.Text;

namespace InteractionLab.Api.Sessions;

/// <summary>
/// The code a participant is shown to continue their session on another device: 10 characters of Crockford's
/// base 32 (50 random bits), written <c>ABCDE-FGHJK</c>. Only its SHA-256 is stored; guessing is bounded by the
/// participant door's rate limit (at most tens of tries a minute against about 2^50 codes per session).
/// </summary>
public static class ResumeCode
{
    // Crockford's alphabet: no I, L, O or U, so what is read aloud or copied by hand cannot be mistaken.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Length = 10;

    /// <summary>A new random code, formatted for reading.</summary>
    public static string Create()
    {
        Span<char> code = stackalloc char[Length];
        for (var i = 0; i < Length; i++) code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return string.Concat(code[..5], "-", code[5..]);
    }

    /// <summary>
    /// The code as typed, in canonical form (upper case, no spaces or dashes, O read as 0 and I/L as 1); null when it
    /// cannot be a code.
    /// </summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null || typed.Length > 40) return null;
        var code = new StringBuilder(Length);
        foreach (var c in typed.ToUpperInvariant())
        {
            if (c is ' ' or '-' or '\t') continue;
            var d = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (!Alphabet.Contains(d, StringComparison.Ordinal)) return null;
            code.Append(d);
        }
        return code.Length == Length ? code.ToString() : null;
    }

    /// <summary>The stored hash of a code (any form <see cref="Normalise"/> accepts); null when it is not a code.</summary>
    public static string? Hash(string? code) =>
        Normalise(code) is { } canonical ? Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(canonical))) : null;
}

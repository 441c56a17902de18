using System.Text;

namespace InteractionLab.Api.Tests.Fuzz;

/// <summary>
/// Deterministic hostile input from a seed: texts that have broken web applications before (empty, NUL, lone
/// surrogates, huge, markup, formulas, path tricks, numbers at their limits, JSON that is almost right), ids and
/// form bodies built from them. The same seed gives the same requests, so a failure can be replayed.
/// </summary>
public sealed class FuzzInputs(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Nasty =
    [
        "", " ", "\t", "\r\n", "\0", "a\0b", "\uD800", "x\uDFFFy", "😀", "🧑🏽‍🔬", "‮reversed", "null", "undefined", "true", "0", "-1",
        "2147483648", "-9223372036854775809", "1e309", "NaN", "3.0", " 3", "+3", "03", "٣", "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>", "' OR '1'='1", "'; DROP TABLE \"Sessions\"; --", "../../etc/passwd", "..\\..\\win.ini",
        "%00", "%2e%2e%2f", "/%09/attacker.example", "//attacker.example", "https://attacker.example", "javascript:alert(1)",
        "=HYPERLINK(\"http://x\")", "@SUM(A1)", "{", "}", "[]", "{}", "{\"a\":", "[[[[[[[[[[", "\\u0000", "\\ud800",
        "ASSIGNMENT_ID_NOT_AVAILABLE", "0123456789abcdef01234567", "ABCDE-FGHJK", "instructions", "chat", "marks", "rating",
    ];

    /// <summary>A number in [0, max).</summary>
    public int Next(int max) => _random.Next(max);

    /// <summary>A number in [min, max).</summary>
    public int Next(int min, int max) => _random.Next(min, max);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => _random.NextDouble() < p;

    /// <summary>One of <paramref name="choices"/>.</summary>
    public T Pick<T>(IReadOnlyList<T> choices) => choices[_random.Next(choices.Count)];

    /// <summary>A hostile text: a known troublemaker, random characters, a very long run, or a mix.</summary>
    public string Text() => _random.Next(6) switch
    {
        0 or 1 => Pick(Nasty),
        2 => RandomChars(_random.Next(1, 40)),
        3 => new string(Pick(['a', 'é', '\0', '\uD83D', '<']), Pick([300, 5000, 70_000])),
        4 => Pick(Nasty) + RandomChars(_random.Next(0, 8)) + Pick(Nasty),
        _ => Id(),
    };

    /// <summary>Something shaped like a recruitment id, or not quite.</summary>
    public string Id() => _random.Next(4) switch
    {
        0 => Convert.ToHexString(RandomBytes(12)).ToLowerInvariant(),
        1 => Convert.ToHexString(RandomBytes(_random.Next(1, 80))),
        2 => new string('a', Pick([1, 128, 129, 1000])),
        _ => Pick(Nasty),
    };

    /// <summary>A JSON value of any kind, sometimes nested deeply or holding escapes PostgreSQL dislikes.</summary>
    public string JsonValue(int depth = 0) => _random.Next(depth > 3 ? 5 : 8) switch
    {
        0 => "null",
        1 => Pick(["0", "-1", "1e308", "-0", "123456789012345678901234567890", "3.14"]),
        2 => Pick(["true", "false"]),
        3 => JsonString(Text()),
        4 => "\"\\u0000\"",
        5 => "[" + string.Join(",", Enumerable.Range(0, _random.Next(4)).Select(_ => JsonValue(depth + 1))) + "]",
        6 => "{" + string.Join(",", Enumerable.Range(0, _random.Next(4)).Select(i => $"{JsonString(Pick(Nasty) + i)}:{JsonValue(depth + 1)}")) + "}",
        _ => new string('[', 70) + new string(']', 70),
    };

    /// <summary>
    /// A JSON string literal (always valid JSON). Lone surrogates become U+FFFD: the .NET hub client cannot send
    /// them at all (storing them is the trace path's own test).
    /// </summary>
    public static string JsonString(string s)
    {
        var json = new StringBuilder("\"");
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var paired = char.IsHighSurrogate(c) ? i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) : char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(s[i - 1]);
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => $"\\u{(int)c:x4}",
                _ when char.IsSurrogate(c) && !paired => "\\ufffd",
                _ => c.ToString(),
            });
        }
        return json.Append('"').ToString();
    }

    /// <summary>Form fields: sometimes the expected ones with odd values, sometimes many odd ones.</summary>
    public List<KeyValuePair<string, string>> Fields(params string[] expected)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var name in expected)
            if (Chance(0.8)) fields.Add(new(name, Chance(0.4) ? Pick(["true", "on", "yes", "ABCDE-FGHJK"]) : Text()));
        // Now and then more fields than the form reader allows, each short: the point is their number, not their size.
        var many = Chance(0.05);
        for (var i = _random.Next(many ? 1500 : 4); i > 0; i--) fields.Add(new(many ? "f" + i : Text(), many ? "x" : Text()));
        return fields;
    }

    /// <summary>A query string of recruitment parameters with odd values (no leading '?').</summary>
    public string Query()
    {
        var names = new[] { "PROLIFIC_PID", "STUDY_ID", "SESSION_ID", "workerId", "assignmentId", "hitId", "problem", "reason", "error", "returnUrl", "cond" };
        return string.Join("&", Enumerable.Range(0, _random.Next(5)).Select(_ => Uri.EscapeDataString(Pick(names)) + "=" + Uri.EscapeDataString(Text())));
    }

    /// <summary>Random bytes.</summary>
    public byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string RandomChars(int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++) chars[i] = (char)_random.Next(0, 0x3000);
        return new string(chars);
    }
}

using System.Globalization;
using InteractionLab.Domain.MoralGraph;
using Microsoft.AspNetCore.Http;

namespace InteractionLab.Api.MoralGraph;

/// <summary>
/// The graph's query parameters — the slice (<c>question, context, from, to, batch</c>) and the definitions
/// (<c>minVotes, minAgreement, maxEntropy, values, entropy, ranking</c>) — read and checked the same way for the REST
/// endpoint, the admin page and its download link. Anything out of range or unknown is a 400 problem naming the parameter.
/// </summary>
public static class MoralGraphQuery
{
    /// <summary>Every parameter the graph endpoint reads; any other is refused, so a misspelt filter cannot pass unnoticed.</summary>
    public static readonly IReadOnlyList<string> Parameters =
        ["question", "context", "from", "to", "batch", "minVotes", "minAgreement", "maxEntropy", "values", "entropy", "ranking"];

    private static readonly Dictionary<string, ValueListing> ValueNames = new(StringComparer.OrdinalIgnoreCase)
    { ["connected"] = ValueListing.Connected, ["all"] = ValueListing.All };
    private static readonly Dictionary<string, EdgeEntropy> EntropyNames = new(StringComparer.OrdinalIgnoreCase)
    { ["published"] = EdgeEntropy.Published, ["fourCounts"] = EdgeEntropy.FourCounts };
    private static readonly Dictionary<string, GraphRanking> RankingNames = new(StringComparer.OrdinalIgnoreCase)
    { ["published"] = GraphRanking.Published, ["wiser"] = GraphRanking.Wiser };

    /// <summary>Throws a 400 problem naming every query parameter the endpoint does not read.</summary>
    public static void RejectUnknown(IQueryCollection query)
    {
        var unknown = query.Keys.Where(k => !Parameters.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count == 0) return;
        throw PlatformProblemException.BadInput(
            $"Unknown query parameter{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}. The graph reads {string.Join(", ", Parameters)}.",
            unknown.ToDictionary(u => u, u => new[] { $"'{u}' is not a parameter of the moral graph." }));
    }

    /// <summary>The filter for the slice parameters; blank texts mean "no restriction". Throws a 400 problem for an empty window.</summary>
    public static MoralGraphFilter Filter(string? question, DateTimeOffset? from, DateTimeOffset? to, string? batch, string? context = null)
    {
        if (from is { } f && to is { } t && t <= f)
            throw PlatformProblemException.BadInput($"'to' ({t:O}) must be after 'from' ({f:O}); the window is [from, to).");
        return new MoralGraphFilter(Blank(question), from, to, Blank(batch), Blank(context));
    }

    /// <summary>The definitions for the other parameters (the published ones where absent). Throws a 400 problem naming each bad one.</summary>
    public static MoralGraphOptions Options(int? minVotes, double? minAgreement, double? maxEntropy,
        string? values = null, string? entropy = null, string? ranking = null)
    {
        var d = MoralGraphOptions.Published;
        var errors = new Dictionary<string, string[]>();
        if (minVotes is < 0) errors["minVotes"] = ["'minVotes' must be 0 or more."];
        if (minAgreement is { } a && (a < -1 || a > 1 || double.IsNaN(a))) errors["minAgreement"] = ["'minAgreement' is a wiser likelihood between -1 and 1."];
        if (maxEntropy is { } e && (e < 0 || !double.IsFinite(e))) errors["maxEntropy"] = ["'maxEntropy' is in bits, 0 or more (the published five-count entropy is at most log2 5 ≈ 2.32)."];
        var listing = Choice(values, "values", ValueNames, d.Values, errors);
        var kind = Choice(entropy, "entropy", EntropyNames, d.Entropy, errors);
        var rank = Choice(ranking, "ranking", RankingNames, d.Ranking, errors);
        if (errors.Count > 0) throw PlatformProblemException.BadInput(string.Join(" ", errors.Values.SelectMany(v => v)), errors);
        var t = d.Thresholds;
        return d with
        {
            Thresholds = new GraphThresholds(minVotes ?? t.MinWiserVotes, minAgreement ?? t.MinWiserLikelihood, maxEntropy ?? t.MaxEntropy),
            Values = listing, Entropy = kind, Ranking = rank,
        };
    }

    /// <summary>The query string that asks for <paramref name="filter"/> and <paramref name="options"/> (only what differs from the defaults).</summary>
    public static string ToQuery(MoralGraphFilter filter, MoralGraphOptions options)
    {
        var d = MoralGraphOptions.Published;
        var query = new List<string>();
        void Add(string name, string? value) { if (!string.IsNullOrWhiteSpace(value)) query.Add($"{name}={Uri.EscapeDataString(value)}"); }
        Add("question", filter.QuestionId);
        Add("context", filter.Context);
        Add("from", filter.From?.ToString("O", CultureInfo.InvariantCulture));
        Add("to", filter.To?.ToString("O", CultureInfo.InvariantCulture));
        Add("batch", filter.Batch);
        Add("minVotes", options.Thresholds.MinWiserVotes.ToString(CultureInfo.InvariantCulture));
        Add("minAgreement", options.Thresholds.MinWiserLikelihood.ToString(CultureInfo.InvariantCulture));
        Add("maxEntropy", options.Thresholds.MaxEntropy.ToString(CultureInfo.InvariantCulture));
        if (options.Values != d.Values) Add("values", Name(ValueNames, options.Values));
        if (options.Entropy != d.Entropy) Add("entropy", Name(EntropyNames, options.Entropy));
        if (options.Ranking != d.Ranking) Add("ranking", Name(RankingNames, options.Ranking));
        return string.Join("&", query);
    }

    private static T Choice<T>(string? text, string name, Dictionary<string, T> names, T fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (names.TryGetValue(text.Trim(), out var value)) return value;
        errors[name] = [$"'{name}' must be {string.Join(" or ", names.Keys.Select(k => $"'{k}'"))}, not '{text}'."];
        return fallback;
    }

    private static string Name<T>(Dictionary<string, T> names, T value) where T : notnull => names.First(p => p.Value.Equals(value)).Key;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// Reads any moral graph file the platform imports, telling the format from its shape: the original platform's
/// tables (a <c>CanonicalValuesCard</c> or <c>Edge</c> table), its published graph JSON (edges with
/// <c>counts.markedWiser</c> or <c>summary</c>), a graph JSON exported here (<c>edges</c>), or else this platform's
/// cards-and-votes import format. The formats are described in the README beside this file.
/// </summary>
public static class MoralGraphFileReader
{
    /// <summary>Reads and checks <paramref name="json"/> against the study's values (<paramref name="existing"/>).</summary>
    /// <param name="json">The file.</param>
    /// <param name="existing">The values the study already has, by id.</param>
    /// <param name="importedAt">When the import happens: the time of votes from a graph JSON, which has none.</param>
    public static MoralGraphImportResult Read(string json, IReadOnlyDictionary<string, CanonicalValue> existing, DateTimeOffset importedAt)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            return MoralGraphImportResult.Failed(MoralGraphFormats.Import, $"The file is not valid JSON: {e.Message}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (OriginalTablesImporter.Recognises(root)) return OriginalTablesImporter.Import(root, existing, importedAt);
            var isGraph = root.ValueKind == JsonValueKind.Object && root.EnumerateObject().Any(p => string.Equals(p.Name, "edges", StringComparison.OrdinalIgnoreCase));
            if (!isGraph) return MoralGraphImporter.Import(json, existing);

            var format = PublishedGraphReader.Recognises(root) ? MoralGraphFormats.PublishedGraph : MoralGraphFormats.Graph;
            var problems = new List<ImportProblem>();
            var edgeIndex = new List<int>();
            MoralGraphDocument graph;
            if (format == MoralGraphFormats.PublishedGraph) graph = PublishedGraphReader.Read(root, problems, edgeIndex);
            else
            {
                try
                {
                    graph = MoralGraphJson.Deserialize(json);
                }
                catch (JsonException e)
                {
                    return MoralGraphImportResult.Failed(format, $"The file looks like a graph JSON (it has 'edges') but cannot be read as one: {e.Message}");
                }
            }
            if (problems.Any(p => p.Item == "$")) return new MoralGraphImportResult([], [], problems) { Format = format };
            var import = GraphJsonAsImport.Convert(graph, Fingerprint(json), importedAt, existing.Keys.ToList(), problems,
                format == MoralGraphFormats.PublishedGraph ? edgeIndex : null);
            var result = MoralGraphImporter.Validate(import, existing);
            return result with { Problems = [.. problems, .. result.Problems], Format = format };
        }
    }

    // Eight hex digits of the file's SHA-256: enough to tell two graph files apart in a study's voter keys.
    private static string Fingerprint(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..8];
}

using System.Globalization;
using System.IO.Compression;
using System.Text;
using InteractionLab.Domain.Writing;

namespace InteractionLab.Api.Imports;

/// <summary>
/// What one request's uploads hold once archives are unpacked on the server: the logs, the data set's metadata
/// (<c>session.txt</c>) and session list (<c>session_ids.txt</c>), wherever they were — uploaded beside the logs or
/// inside the archive, as HALIE releases them (<c>logs.zip</c> → <c>logs/*.jsonl</c> + <c>logs/session.txt</c>).
/// macOS Finder entries (<c>__MACOSX/</c>, <c>._*</c>, <c>.DS_Store</c>) are skipped, never read as logs. Archive
/// entries are unpacked one at a time when imported, each with a size cap, so a large archive never sits unpacked in memory.
/// </summary>
public sealed class CoAuthorUploadSet : IDisposable
{
    /// <summary>The metadata file's name (HALIE: <c>logs/session.txt</c>).</summary>
    public const string MetadataFileName = "session.txt";
    /// <summary>The file listing which sessions a data set's analysis keeps (HALIE: <c>session_ids.txt</c>).</summary>
    public const string SessionListFileName = "session_ids.txt";
    /// <summary>Most entries an archive may hold (Finder entries included).</summary>
    public const int MaxArchiveEntries = 20_000;
    /// <summary>Most bytes the logs of one request may unpack to.</summary>
    public const long MaxUnpackedBytes = 1L << 30;
    /// <summary>Most bytes one unpacked log may have.</summary>
    public const int MaxLogBytes = 64 * 1024 * 1024;

    private readonly List<ZipArchive> archives = [];
    private readonly List<CoAuthorLog> logs = [];
    private readonly List<SkippedUpload> skipped = [];
    private readonly List<CoAuthorSessionMetadata> metadata = [];
    private readonly List<LineError> metadataErrors = [];
    private HashSet<string>? sessionIds;

    /// <summary>The logs, in upload and archive order.</summary>
    public IReadOnlyList<CoAuthorLog> Logs => logs;
    /// <summary>Uploads and entries left out, with why.</summary>
    public IReadOnlyList<SkippedUpload> Skipped => skipped;
    /// <summary>Every metadata line read from every <c>session.txt</c>.</summary>
    public CoAuthorMetadataFile Metadata => new(metadata, metadataErrors);
    /// <summary>The sessions a <c>session_ids.txt</c> lists; null when none was uploaded (every log is imported).</summary>
    public IReadOnlySet<string>? SessionIds => sessionIds;

    /// <summary>Sorts <paramref name="uploads"/> into logs, metadata and skipped files. A file that looks like a zip
    /// archive but cannot be read, or an archive over the limits, is refused (400 / 413) before anything is stored.</summary>
    public static CoAuthorUploadSet Open(IReadOnlyList<CoAuthorUpload> uploads)
    {
        var set = new CoAuthorUploadSet();
        try
        {
            foreach (var upload in uploads)
            {
                if (IsZip(upload)) set.AddArchive(upload);
                else set.Add(upload.FileName, upload.FileName, () => upload.Content, archived: false);
            }
            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var archive in archives) archive.Dispose();
        archives.Clear();
    }

    private static bool IsZip(CoAuthorUpload upload) =>
        upload.FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
        || upload.Content.AsSpan().StartsWith("PK\u0003\u0004"u8);

    private void AddArchive(CoAuthorUpload upload)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new MemoryStream(upload.Content, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw PlatformProblemException.BadInput($"'{upload.FileName}' is not a readable zip archive ({e.Message}). Upload the .jsonl logs themselves or a zip of them.");
        }
        archives.Add(archive);
        if (archive.Entries.Count > MaxArchiveEntries)
            throw PlatformProblemException.BadInput($"'{upload.FileName}' holds {archive.Entries.Count.ToString("N0", CultureInfo.InvariantCulture)} entries; at most {MaxArchiveEntries.ToString("N0", CultureInfo.InvariantCulture)} can be imported at once. Split it into several archives.");
        var finder = 0;
        long unpacked = 0;
        foreach (var entry in archive.Entries)
        {
            if (entry.FullName.EndsWith('/')) continue;
            if (IsFinderEntry(entry.FullName))
            {
                finder++;
                continue;
            }
            var name = $"{upload.FileName}/{entry.FullName}";
            if (IsLog(entry.Name)) unpacked += entry.Length;
            Add(name, entry.Name, () => Unpack(entry), archived: true);
        }
        if (unpacked > MaxUnpackedBytes)
            throw new PlatformProblemException(413, "Upload too large",
                $"The logs in '{upload.FileName}' unpack to {Megabytes(unpacked)} MB; at most {Megabytes(MaxUnpackedBytes)} MB can be imported at once. Split the archive.");
        if (finder > 0)
            skipped.Add(new SkippedUpload($"{upload.FileName}: __MACOSX/, ._* and .DS_Store", $"{finder.ToString("N0", CultureInfo.InvariantCulture)} macOS Finder entries, not logs"));
    }

    // Files go by name: the metadata and session list wherever they are; inside an archive only .jsonl files are logs
    // (a README or a survey export beside them is skipped); a plain upload of any other name is taken as a log.
    private void Add(string name, string fileName, Func<byte[]> read, bool archived)
    {
        if (fileName.Equals(MetadataFileName, StringComparison.OrdinalIgnoreCase))
        {
            var file = CoAuthorMetadataFile.Read(Decode(read()));
            metadata.AddRange(file.Sessions);
            metadataErrors.AddRange(file.Errors);
        }
        else if (fileName.Equals(SessionListFileName, StringComparison.OrdinalIgnoreCase))
        {
            sessionIds ??= new HashSet<string>(StringComparer.Ordinal);
            sessionIds.UnionWith(Decode(read()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        else if (!archived || IsLog(fileName))
            logs.Add(new CoAuthorLog(name, Path.GetFileNameWithoutExtension(fileName), read));
        else
            skipped.Add(new SkippedUpload(name, $"not a .jsonl log, {MetadataFileName} or {SessionListFileName}"));
    }

    private static bool IsLog(string fileName) => fileName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);

    private static bool IsFinderEntry(string path) =>
        path.Split('/').Any(p => p == "__MACOSX") || Path.GetFileName(path) is var file && (file.StartsWith("._", StringComparison.Ordinal) || file == ".DS_Store");

    // The declared size can lie, so the cap is enforced on what is actually read.
    private static byte[] Unpack(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + n > MaxLogBytes)
                throw new InvalidDataException($"it unpacks to more than {Megabytes(MaxLogBytes)} MB, the most one log may have");
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    /// <summary>UTF-8 text without a byte order mark.</summary>
    public static string Decode(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture);
}

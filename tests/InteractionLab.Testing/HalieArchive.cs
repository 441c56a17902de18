using System.IO.Compression;

namespace InteractionLab.Testing;

/// <summary>
/// The HALIE fixtures (tests/InteractionLab.Domain.Tests/Fixtures/halie, written for the tests in HALIE's released
/// format, copied next to every test assembly that references this project) as uploads: the two logs,
/// the metadata file, and a zip of them made the way macOS Finder makes one — with <c>__MACOSX/</c> AppleDouble twins,
/// a <c>._</c> file beside a log and a <c>.DS_Store</c>, none of which is JSON.
/// </summary>
public static class HalieArchive
{
    /// <summary>The "life" session's id (its log's file name).</summary>
    public const string Life = "5f1c0a3e9b2d4c6e8a7b1d2c3e4f5a6b";
    /// <summary>The "progress" session's id.</summary>
    public const string Progress = "c0ffee00d15ea5e0b0a7d00dfeedface";

    /// <summary>A fixture file's bytes.</summary>
    public static byte[] File(string name) => System.IO.File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "halie", name));

    // What Finder writes into an AppleDouble "._" file: a binary header, not text.
    private static readonly byte[] AppleDouble = [0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00, 0x4D, 0x61, 0x63, 0x20, 0x4F, 0x53, 0x20, 0x58, 0xFF, 0xFE];

    /// <summary>logs.zip: logs/ with both logs and session.txt, plus four Finder entries.</summary>
    public static byte[] MacZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string path, byte[] content)
            {
                using var stream = zip.CreateEntry(path).Open();
                stream.Write(content);
            }
            zip.CreateEntry("logs/");
            Add($"logs/{Life}.jsonl", File($"{Life}.jsonl"));
            Add($"logs/{Progress}.jsonl", File($"{Progress}.jsonl"));
            Add("logs/session.txt", File("session.txt"));
            zip.CreateEntry("__MACOSX/");
            Add($"__MACOSX/logs/._{Life}.jsonl", AppleDouble);
            Add("__MACOSX/logs/._session.txt", AppleDouble);
            Add($"logs/._{Progress}.jsonl", AppleDouble);
            Add("logs/.DS_Store", AppleDouble);
        }
        return buffer.ToArray();
    }
}

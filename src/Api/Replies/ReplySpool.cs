using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Replies;

/// <summary>
/// Where a finished reply goes when the database cannot take it even after the retries: one JSON file per turn
/// (<see cref="FinishedTurn"/> plus the reason) in <see cref="ReplyOptions.SpoolDirectory"/>, written atomically
/// (temporary file, then rename). The files are stored into the database by <see cref="DrainAsync"/> at start-up and
/// after the next reply that saves, then deleted; a file whose session no longer exists (withdrawn) is deleted unused.
/// </summary>
public sealed class ReplySpool(IOptions<ReplyOptions> options, IHostEnvironment host, ILogger<ReplySpool> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly SemaphoreSlim _draining = new(1, 1);

    /// <summary>The spool directory (absolute).</summary>
    public string Directory => Path.GetFullPath(Path.Combine(host.ContentRootPath, options.Value.SpoolDirectory));

    /// <summary>A spooled reply and why it could not be saved.</summary>
    /// <param name="Turn">What the save would have written.</param>
    /// <param name="Reason">The last error of the save.</param>
    /// <param name="KeptAt">When it was spooled.</param>
    public sealed record Entry(FinishedTurn Turn, string Reason, DateTimeOffset KeptAt);

    /// <summary>Keeps a reply that could not be saved; returns the file.</summary>
    public string Keep(FinishedTurn turn, Exception reason, DateTimeOffset now)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var file = Path.Combine(Directory, $"{turn.Session:N}-{turn.Index}.json");
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new Entry(turn, $"{reason.GetType().Name}: {reason.Message}", now), Json));
        File.Move(temporary, file, overwrite: true);
        log.LogCritical(reason, "The reply of session {Session} turn {Turn} could not be saved; it is kept in {File} until the database takes it",
            turn.Session, turn.Index, file);
        return file;
    }

    /// <summary>Whether any reply is kept (cheap: no file is read).</summary>
    public bool HasEntries => System.IO.Directory.Exists(Directory) && System.IO.Directory.EnumerateFiles(Directory, "*.json").Any();

    /// <summary>The replies now kept, oldest first.</summary>
    public IReadOnlyList<(string File, Entry Entry)> Entries()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        return System.IO.Directory.EnumerateFiles(Directory, "*.json").Order(StringComparer.Ordinal)
            .Select(f => (File: f, Entry: JsonSerializer.Deserialize<Entry>(File.ReadAllText(f), Json)!))
            .OrderBy(e => e.Entry.KeptAt).ToList();
    }

    /// <summary>Stores every kept reply with <paramref name="save"/> and deletes its file; stops at the first that fails.</summary>
    public async Task<int> DrainAsync(Func<FinishedTurn, CancellationToken, Task<bool>> save, CancellationToken ct)
    {
        if (!System.IO.Directory.Exists(Directory) || !await _draining.WaitAsync(0, ct)) return 0;
        try
        {
            var stored = 0;
            foreach (var (file, entry) in Entries())
            {
                try
                {
                    if (!await save(entry.Turn, ct))
                        log.LogWarning("The kept reply {File} belongs to a session that no longer exists; it is deleted unused", file);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Kept replies cannot be stored yet; trying again later");
                    return stored;
                }
                File.Delete(file);
                stored++;
            }
            return stored;
        }
        finally
        {
            _draining.Release();
        }
    }
}

using System.Text.Json;
using InteractionLab.Api.Tasks;

namespace InteractionLab.Api.Tests.Tasks;

/// <summary>
/// Logged task events written by hand as JSON Lines (<c>Fixtures/*.jsonl</c>): one stored server event a line, with
/// the fields a <see cref="TaskEventRecord"/> has (sequence, type, serverTime, payload with the stage key).
/// </summary>
internal static class TaskEventFixtures
{
    public static IReadOnlyList<TaskEventRecord> Read(string name) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Tasks", "Fixtures", name))
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<TaskEventRecord>(line, TaskEventLog.Json)!)
            .ToList();

    /// <summary>The server time of event <paramref name="sequence"/>.</summary>
    public static DateTimeOffset At(IReadOnlyList<TaskEventRecord> events, long sequence) => events.Single(e => e.Sequence == sequence).ServerTime;
}

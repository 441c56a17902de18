using System.Runtime.CompilerServices;
using InteractionLab.Api.Data;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Replies;

/// <summary>
/// The one way a page that was reloaded while the model was replying shows that reply: the text so far, refreshed until
/// the turn is saved (not token by token, but never an empty bubble). It reads the running call of this process, or the
/// turn's text as last written when the reply runs on another instance. The chat and the task pages both use it.
/// </summary>
public sealed class ReplyFollower(ActiveReplies replies, IDbContextFactory<PlatformDbContext> dbFactory, IOptions<ReplyOptions> options, TimeProvider time)
{
    /// <summary>How often the text is read again.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(400);

    /// <summary>The running reply of a session as it grows; ends when it is saved (at once when none runs).</summary>
    public async IAsyncEnumerable<string> FollowAsync(SessionId session, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var timer = new PeriodicTimer(Interval, time);
        string? last = null;
        while (await RunningTextAsync(session, ct) is { } text)
        {
            if (text != last) yield return last = text;
            if (!await timer.WaitForNextTickAsync(ct)) yield break;
        }
    }

    /// <summary>The text so far of the session's running reply, or null when no reply is running.</summary>
    public async Task<string?> RunningTextAsync(SessionId session, CancellationToken ct = default)
    {
        if (replies.PartialText(session) is { } local) return local;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var turn = await db.Turns.AsNoTracking()
            .Where(t => t.SessionId == session && t.Role == TurnRole.Model && t.FinishReason == ReplyStore.Generating)
            .OrderByDescending(t => t.Index).Select(t => new { t.Text, t.CreatedAt, t.TotalMs }).FirstOrDefaultAsync(ct);
        return turn is null || ReplyStore.IsStale(turn.CreatedAt, turn.TotalMs, time.GetUtcNow(), options.Value.StaleAfter) ? null : turn.Text;
    }
}

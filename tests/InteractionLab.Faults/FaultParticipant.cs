using System.Net;
using System.Text.Json;
using InteractionLab.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace InteractionLab.Faults;

/// <summary>
/// One participant of a fault run, speaking the platform's protocol as the browser does: consent over HTTP (the form
/// and its cookie), then the session hub with that cookie, reconnecting whenever the connection goes. Its page logs
/// events as <c>trace-logger.js</c> does (<see cref="BrowserLogger"/>: one page instance, numbers from 1, a nonce in every
/// payload, re-sent until the ack lists them, only what the ack lists forgotten), sending a batch of at most 50 every
/// tick while connected. Meanwhile it chats: one message at a time, each with a nonce, the next after the last ended.
/// </summary>
public sealed class FaultParticipant : IAsyncDisposable
{
    /// <summary>How often the page records and sends (the browser logger sends every 500 ms; faster here to keep runs short).</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private const int MaxBatch = 50;
    private const string Busy = "Wait for the current reply";
    private readonly HubConnection _hub;
    private int _acknowledged;

    private FaultParticipant(int number, Guid session, HubConnection hub)
    {
        Number = number;
        Session = session;
        _hub = hub;
        Page = new BrowserLogger(hub);
    }

    /// <summary>The participant's number in the run.</summary>
    public int Number { get; }

    /// <summary>The session the platform opened at consent.</summary>
    public Guid Session { get; }

    /// <summary>The page's logger: what was recorded, what is acknowledged, what is still queued.</summary>
    public BrowserLogger Page { get; }

    /// <summary>Events the server acknowledged so far (readable while the run goes on).</summary>
    public int Acknowledged => Volatile.Read(ref _acknowledged);

    /// <summary>Events the server listed as already stored when they were sent again (their first ack was lost).</summary>
    public int AlreadyStoredWhenResent { get; private set; }

    /// <summary>The messages sent, in order.</summary>
    public List<ReplyRequest> Replies { get; } = [];

    /// <summary>A reply is streaming to this participant now.</summary>
    public bool Answering
    {
        get
        {
            lock (Replies) return Replies.Count > 0 && Replies[^1].Answering;
        }
    }

    /// <summary>Consents to the demo study as participant <paramref name="number"/>, connects to the hub and moves to the chat.</summary>
    public static async Task<FaultParticipant> JoinAsync(int number, string run, Uri platform, HttpClient http, CancellationToken ct)
    {
        var cookie = await ConsentAsync($"{run}-{number}", http, ct);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(platform, "hubs/session"), o => o.Headers["Cookie"] = cookie)
            .WithAutomaticReconnect(new ReconnectForever())
            .Build();
        // Pushes the page would act on; this participant reads the database at the end instead.
        hub.On("ReplySaved", (JsonElement _) => { });
        await hub.StartAsync(ct);
        await hub.InvokeAsync<JsonElement>("CompleteStage", "instructions", ct);
        var view = await hub.InvokeAsync<JsonElement>("GetSession", ct);
        var id = view.GetProperty("sessionId");
        return new FaultParticipant(number, Guid.Parse((id.ValueKind == JsonValueKind.Object ? id.GetProperty("value") : id).GetString()!), hub);
    }

    // The study's page issues the form (and, where the platform asks for one, its antiforgery token); the answer sets the
    // participant's cookie.
    private static async Task<string> ConsentAsync(string pid, HttpClient http, CancellationToken ct)
    {
        var query = $"?PROLIFIC_PID={pid}&STUDY_ID=faults&SESSION_ID=s{pid}";
        using var page = await http.GetAsync("s/demo" + query, ct);
        var html = await page.Content.ReadAsStringAsync(ct);
        var fields = new List<KeyValuePair<string, string>> { new("consent", "true") };
        if (html.Contains("__RequestVerificationToken", StringComparison.Ordinal))
            fields.Add(new("__RequestVerificationToken", StaffLogin.AntiforgeryToken(html)));
        using var form = new HttpRequestMessage(HttpMethod.Post, "s/demo/consent" + query) { Content = new FormUrlEncodedContent(fields) };
        if (page.Headers.TryGetValues("Set-Cookie", out var issued)) form.Headers.Add("Cookie", string.Join("; ", issued.Select(c => c.Split(';')[0])));
        using var answer = await http.SendAsync(form, ct);
        if (answer.StatusCode != HttpStatusCode.SeeOther)
            throw new InvalidOperationException($"Consent of {pid} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(ct)}");
        return answer.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])
            .Single(c => c.StartsWith("il_session", StringComparison.Ordinal));
    }

    /// <summary>
    /// Records <paramref name="eventsPerTick"/> events every tick until <paramref name="stopRecording"/>, sending what is
    /// queued while connected; then sends until nothing is left.
    /// </summary>
    public async Task LogAsync(int eventsPerTick, CancellationToken stopRecording, CancellationToken deadline)
    {
        using var timer = new PeriodicTimer(Tick);
        while (true)
        {
            if (!stopRecording.IsCancellationRequested)
                for (var i = 0; i < eventsPerTick; i++) Page.Record(fields: $"\"participant\":{Number},\"length\":1");
            else if (Page.Outbox.Count == 0) return;
            await PumpAsync(deadline);
            await timer.WaitForNextTickAsync(deadline);
        }
    }

    // As the logger's pump: batch after batch while connected; a failure leaves the batch queued for the next tick.
    private async Task PumpAsync(CancellationToken deadline)
    {
        while (Page.Outbox.Count > 0 && _hub.State == HubConnectionState.Connected)
        {
            try
            {
                var ack = await Page.SendAsync(MaxBatch, deadline);
                AlreadyStoredWhenResent += ack.Sequences.Count - ack.Inserted;
                Volatile.Write(ref _acknowledged, Page.Acknowledged.Count);
                if (ack.Sequences.Count == 0) return;
            }
            catch (Exception) when (!deadline.IsCancellationRequested)
            {
                return; // not acknowledged: stays queued and is sent again
            }
        }
    }

    /// <summary>Sends up to <paramref name="max"/> messages, one after the other's reply ended, until <paramref name="stopAsking"/>.</summary>
    public async Task ChatAsync(int max, CancellationToken stopAsking, CancellationToken deadline)
    {
        while (!stopAsking.IsCancellationRequested && Replies.Count < max)
        {
            if (_hub.State != HubConnectionState.Connected)
            {
                await Task.Delay(Tick, deadline); // the reconnect is the client's; the participant looks again at the next tick
                continue;
            }
            var request = new ReplyRequest(Guid.NewGuid().ToString("N"));
            lock (Replies) Replies.Add(request);
            try
            {
                await foreach (var piece in _hub.StreamAsync<string>("StreamReply", request.Message, deadline)) request.Add(piece);
                request.End(ReplyOutcome.Completed);
                continue;
            }
            catch (HubException e) when (e.Message.Contains(Busy, StringComparison.Ordinal))
            {
                request.End(ReplyOutcome.Refused, e.Message);
            }
            catch (HubException e)
            {
                request.End(ReplyOutcome.Failed, e.Message);
            }
            catch (Exception e) when (!deadline.IsCancellationRequested)
            {
                request.End(ReplyOutcome.Cut, e.Message);
            }
            // A participant who got no reply tries again a moment later, as with the page's Send again.
            await Task.Delay(Tick, deadline);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    // The page's connection tries again for as long as the page is open: at once, then every second.
    private sealed class ReconnectForever : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext context) =>
            context.PreviousRetryCount == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Min(1000, 250 * context.PreviousRetryCount));
    }
}

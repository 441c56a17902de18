using System.Net;
using System.Net.Http.Headers;
using System.Text;
using InteractionLab.Api.Sessions;
using InteractionLab.Testing;

namespace InteractionLab.Api.Tests.Fuzz;

/// <summary>
/// Hostile requests at every door anyone can reach without signing in: the study's pages, consent and resume-code
/// forms, sign-in, sign-out and password forms, the REST API (exports, imports, the moral graph, stimuli; with made-up
/// keys), the jobs dashboard, the hub's and Blazor's negotiation and the health checks.
/// Half of the form posts carry a valid antiforgery token, so the fuzz also gets past that check.
/// </summary>
public sealed class HttpDoorFuzzer(PlatformFactory platform, FuzzLedger ledger, string slug, int seed)
{
    private readonly FuzzInputs _in = new(seed);
    private (string Cookie, string Token)? _form;

    /// <summary>Sends <paramref name="count"/> requests.</summary>
    public async Task RunAsync(int count)
    {
        using var client = platform.CreateRawClient();
        _form = await client.AntiforgeryAsync($"/s/{slug}");
        for (var step = 0; step < count; step++)
        {
            HttpRequestMessage request;
            try
            {
                request = Next();
            }
            catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
            {
                continue; // a text no URL can hold: nothing was sent
            }
            var what = $"{request.Method} {request.RequestUri}";
            ledger.Sent();
            using (request)
            {
                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(request);
                }
                catch (HttpRequestException e) when (e.InnerException is IOException)
                {
                    // Kestrel answered (e.g. 413) and closed the connection before taking the whole body: a refusal.
                    continue;
                }
                catch (HttpRequestException e)
                {
                    // An answer no client (or proxy) can read, such as a redirect whose headers exceed 64 KB.
                    ledger.Fail(seed, step, $"{Shorten(what)} gave an unreadable answer: {e.Message}");
                    continue;
                }
                using (response)
                {
                    if ((int)response.StatusCode >= 500)
                        ledger.Fail(seed, step, $"{Shorten(what)} answered {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync())}");
                    else if (response.StatusCode == HttpStatusCode.SeeOther && request.RequestUri!.OriginalString.Contains("/consent", StringComparison.Ordinal))
                        NoteConsent(response);
                }
            }
        }
    }

    private HttpRequestMessage Next() => _in.Next(13) switch
    {
        0 => Get($"/s/{Slug()}?{_in.Query()}"),
        1 => WithCookie(Get($"/s/{slug}/session"), ParticipantCookie.NameFor(slug) + "=" + Convert.ToBase64String(_in.RandomBytes(_in.Next(200)))),
        2 => Get($"/s/{slug}/resume?{_in.Query()}"),
        3 => Get($"/s/{Slug()}/{Uri.EscapeDataString(_in.Text())}"),
        4 => Post($"/s/{Slug()}/consent?{_in.Query()}", Body(_in.Fields("consent", "PROLIFIC_PID", "STUDY_ID", "SESSION_ID", "workerId", "assignmentId", "hitId", "cond"))),
        5 => Post($"/s/{slug}/consent", Body(_in.Fields("consent"))),
        6 => Post($"/s/{slug}/continue", Body(_in.Fields("code"))),
        7 => Post("/admin/login", Body(_in.Fields("userName", "password", "returnUrl"))),
        8 => Post("/admin/logout", Body(_in.Fields())),
        9 => Post("/admin/account/password", Body(_in.Fields("currentPassword", "newPassword", "confirmPassword", "returnUrl"))),
        10 => WithKey(_in.Chance(0.5)
            ? Get(_in.Chance(0.3) ? $"/api/v1/{Uri.EscapeDataString(_in.Text())}/{Guid.NewGuid()}" : $"/api/v1/studies/{Study()}/" + _in.Pick(DataPaths) + "?" + _in.Query())
            : Send(_in.Pick(["POST", "PUT", "PATCH", "DELETE"]), _in.Pick(ChangePaths).Replace("{id}", Study()), Json())),
        11 => WithCookie(Post(_in.Pick(["/hubs/session", "/_blazor"]) + "/negotiate?negotiateVersion=1&session=" + Uri.EscapeDataString(_in.Text()), Json()),
            ParticipantCookie.NameFor(slug) + "=" + Convert.ToBase64String(_in.RandomBytes(_in.Next(120)))),
        _ => _in.Chance(0.8)
            ? Get(_in.Pick(["/health", "/alive", "/", "/admin", "/admin/login?returnUrl=" + Uri.EscapeDataString(_in.Text()), "/admin/jobs",
                "/admin/jobs/jobs/" + Uri.EscapeDataString(_in.Text()), $"/admin/studies/{Study()}/moral-graph", $"/admin/studies/{Study()}/import",
                $"/admin/studies/{Study()}/simulate"]))
            : Post(_in.Pick(["/admin/jobs/stats", "/admin/jobs/jobs/succeeded/delete", "/admin/jobs/recurring/trigger"]), Body(_in.Fields("metrics[]", "jobs[]"))),
    };

    // What a script may read with a key (exports, the moral graph, results) and what changes something (staff only).
    private static readonly string[] DataPaths =
        ["sessions", "turns", "events", "surveys", "recruitment.csv", "writing/sentences", "writing/sentences.csv", "moral-graph", "results.csv"];

    private static readonly string[] ChangePaths =
    [
        "/api/v1/admin/studies", "/api/v1/admin/studies/{id}/pause", "/api/v1/admin/studies/{id}/config", "/api/v1/studies/{id}/imports/coauthor",
        "/api/v1/studies/{id}/imports/moral-graph", "/api/v1/admin/stimuli/demo-dialogue-scenarios", "/api/v1/admin/studies/{id}/values/merge",
        "/api/v1/admin/studies/{id}/hypotheses/generate",
    ];

    // The fuzz study's id or slug, or something else.
    private string Study() => _in.Next(3) switch { 0 => slug, 1 => Guid.NewGuid().ToString(), _ => Uri.EscapeDataString(_in.Text()) };

    // Half of the API calls bring a made-up key (the platform's prefix or not; headers travel as ASCII).
    private HttpRequestMessage WithKey(HttpRequestMessage request)
    {
        if (_in.Chance(0.5))
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + (_in.Chance(0.5) ? ApiKeys.ApiKeyService.KeyPrefix : "")
                + Convert.ToBase64String(_in.RandomBytes(_in.Next(64))));
        return request;
    }

    private HttpRequestMessage Send(string method, string path, HttpContent content)
    {
        var request = Post(path, content);
        request.Method = new HttpMethod(method);
        return request;
    }

    private string Slug() => _in.Chance(0.8) ? slug : Uri.EscapeDataString(_in.Text());

    private HttpRequestMessage Get(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (_in.Chance(0.5)) request.Headers.TryAddWithoutValidation("Accept", _in.Pick(["text/html", "application/json", "*/*", "text/html;q=0.9"]));
        return request;
    }

    private HttpRequestMessage Post(string path, HttpContent content)
    {
        var request = Get(path);
        request.Method = HttpMethod.Post;
        request.Content = content;
        if (_form is { } form && _in.Chance(0.5)) WithCookie(request, form.Cookie);
        return request;
    }

    // A form as a browser sends it (with this site's token half of the time), or something else entirely.
    private HttpContent Body(List<KeyValuePair<string, string>> fields)
    {
        if (_form is { } form && _in.Chance(0.5)) fields.Add(new("__RequestVerificationToken", form.Token));
        switch (_in.Next(6))
        {
            case 0:
                var multipart = new MultipartFormDataContent("fuzz" + _in.Next(1000));
                foreach (var (name, value) in fields) multipart.Add(new StringContent(value), name);
                return multipart;
            case 1:
                return Raw(_in.Pick(["multipart/form-data", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/plain", "application/octet-stream"]));
            default:
                return new StringContent(string.Join("&", fields.Select(f => Escape(f.Key) + "=" + Escape(f.Value))), Encoding.UTF8, "application/x-www-form-urlencoded");
        }
    }

    private HttpContent Json() => new StringContent(_in.JsonValue(), Encoding.UTF8, "application/json");

    private ByteArrayContent Raw(string contentType)
    {
        var content = new ByteArrayContent(_in.Chance(0.5) ? _in.RandomBytes(_in.Next(4000)) : Encoding.UTF8.GetBytes("--x\r\nContent-Disposition: form-data; name=\"consent\"\r\n\r\ntr"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static HttpRequestMessage WithCookie(HttpRequestMessage request, string cookie)
    {
        request.Headers.TryAddWithoutValidation("Cookie", cookie);
        return request;
    }

    // Lone surrogates cannot be escaped into a URL or form: they travel as the replacement character.
    private static string Escape(string s) => Uri.EscapeDataString(s.Replace('\uD800', '\uFFFD').Replace('\uDFFF', '\uFFFD').Replace('\uD83D', '\uFFFD'));

    private void NoteConsent(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var cookies)) return;
        var name = ParticipantCookie.NameFor(slug) + "=";
        foreach (var cookie in cookies.Where(c => c.StartsWith(name, StringComparison.Ordinal)))
            if (platform.TryReadSessionId(cookie.Split(';')[0][name.Length..], out var session)) ledger.AcceptedSessions[session] = true;
    }

    private static string Shorten(string s) => s.Length > 300 ? s[..300] + "…" : s;
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace InteractionLab.Inference.Store;

/// <summary>
/// Downloads a model repository from a Hugging Face hub endpoint into the models directory. It lists files with
/// GET {endpoint}/api/models/{repo}/revision/{rev}, fetches {endpoint}/{repo}/resolve/{rev}/{path}, resumes
/// partial ".incomplete" files with a Range request, and verifies every file's checksum before it is renamed.
/// </summary>
internal sealed class HubModelPuller(HttpMessageHandler handler, string endpoint, string? token)
{
    private readonly HttpClient _http = new(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    public async Task<string> PullAsync(string repo, string revision, string modelsDirectory, IProgress<PullProgress>? progress, CancellationToken ct)
    {
        if (repo.Split('/') is not [{ Length: > 0 } owner, { Length: > 0 } name] || owner is "." or ".." || name is "." or "..")
        {
            throw new ArgumentException($"'{repo}' is not a hub repository id of the form owner/name.", nameof(repo));
        }

        var target = Path.Combine(modelsDirectory, owner, name);
        var listing = await GetJsonAsync($"{endpoint.TrimEnd('/')}/api/models/{repo}/revision/{Uri.EscapeDataString(revision)}?blobs=true", ct);
        var files = listing["siblings"]?.AsArray() ?? throw new InvalidDataException($"The hub listing for '{repo}' has no 'siblings'.");
        foreach (var file in files)
        {
            var path = (string?)file?["rfilename"] ?? throw new InvalidDataException("A sibling has no 'rfilename'.");
            var local = Path.GetFullPath(Path.Combine(target, path));
            if (!local.StartsWith(Path.GetFullPath(target) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"The hub listed a file outside the repository: '{path}'.");
            }

            var lfsSha = (string?)file?["lfs"]?["sha256"];
            await DownloadFileAsync(repo, revision, path, local, lfsSha, progress, ct);
        }

        return target;
    }

    private async Task DownloadFileAsync(string repo, string revision, string path, string local, string? lfsSha, IProgress<PullProgress>? progress, CancellationToken ct)
    {
        var url = $"{endpoint.TrimEnd('/')}/{repo}/resolve/{Uri.EscapeDataString(revision)}/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}";
        var expected = ExpectedChecksum.FromEtag(lfsSha) ?? await HeadChecksumAsync(url, ct)
            ?? throw new InvalidDataException($"The hub gave no checksum (X-Linked-Etag or ETag) for '{path}'; refusing an unverifiable file.");
        if (File.Exists(local) && await expected.ComputeAsync(local, ct) == expected.Hex)
        {
            progress?.Report(new PullProgress(path, new FileInfo(local).Length, new FileInfo(local).Length, Resumed: true));
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        var partial = local + ".incomplete";
        var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        using var response = await GetFollowingRedirectsAsync(url, have, ct);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            File.Delete(partial); // the partial file is longer than the real one: start over next time
            throw new InvalidDataException($"Partial download of '{path}' did not match the server's file; it was discarded, run pull again.");
        }

        response.EnsureSuccessStatusCode();
        var resumed = have > 0 && response.StatusCode == HttpStatusCode.PartialContent;
        var total = response.Content.Headers.ContentLength + (resumed ? have : 0);
        await using (var output = new FileStream(partial, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write))
        await using (var input = await response.Content.ReadAsStreamAsync(ct))
        {
            var received = resumed ? have : 0;
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await input.ReadAsync(buffer, ct)) > 0)
            {
                await output.WriteAsync(buffer.AsMemory(0, read), ct);
                received += read;
                progress?.Report(new PullProgress(path, received, total, resumed));
            }
        }

        var actual = await expected.ComputeAsync(partial, ct);
        if (actual != expected.Hex)
        {
            File.Delete(partial);
            throw new InvalidDataException($"Checksum mismatch for '{path}': expected {expected.Algorithm} {expected.Hex}, got {actual}. The file was discarded.");
        }

        File.Move(partial, local, overwrite: true);
    }

    /// <summary>HEAD without following redirects: the hub puts X-Linked-Etag on the redirect to its CDN.</summary>
    private async Task<ExpectedChecksum?> HeadChecksumAsync(string url, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Head, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "identity");
        using var response = await _http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"The hub has no file at {url}.");
        }

        var linked = response.Headers.TryGetValues("X-Linked-Etag", out var values) ? values.FirstOrDefault() : null;
        return ExpectedChecksum.FromEtag(linked) ?? ExpectedChecksum.FromEtag(response.Headers.ETag?.Tag);
    }

    /// <summary>The handler does not follow redirects (see HEAD above), so GET follows them here, keeping the Range.</summary>
    private async Task<HttpResponseMessage> GetFollowingRedirectsAsync(string url, long offset, CancellationToken ct)
    {
        var location = new Uri(url);
        for (var hop = 0; hop < 10; hop++)
        {
            using var request = Request(HttpMethod.Get, location.ToString());
            if (offset > 0)
            {
                request.Headers.Range = new RangeHeaderValue(offset, null);
            }

            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } next)
            {
                response.Dispose();
                location = next.IsAbsoluteUri ? next : new Uri(location, next);
                continue;
            }

            return response;
        }

        throw new HttpRequestException($"Too many redirects for {url}.");
    }

    private async Task<JsonNode> GetJsonAsync(string url, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, url);
        using var response = await _http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The hub answered {(int)response.StatusCode} for {url}.", null, response.StatusCode);
        }

        return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) ?? throw new InvalidDataException($"Empty answer from {url}.");
    }

    private HttpRequestMessage Request(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}

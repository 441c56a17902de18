using System.Net.Http.Headers;
using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.LanguageModels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Registry;

/// <summary>
/// Asks an endpoint which models it serves — the one way the platform learns that, used by the Models page's
/// health check, the builder's model choices and the launch check. Names resolve as
/// <see cref="ChatClientRegistry"/> resolves them: in-process source, then the admins' registry, then configuration.
/// An HTTP endpoint is asked <c>GET {base}/models</c> (the OpenAI-compatible list: <c>{"data":[{"id":…}]}</c>) with
/// its key; an unreachable endpoint is an answer too (never an exception), saying what went wrong.
/// </summary>
public sealed class EndpointModelLister(
    IDbContextFactory<PlatformDbContext> dbFactory,
    ChatClientRegistry clients,
    ModelEndpointKeys keys,
    IOptions<LanguageModelOptions> options,
    IHttpClientFactory httpClients,
    TimeProvider time)
{
    /// <summary>The endpoints conditions can name, in the registry's order of precedence, with where each is defined.</summary>
    public async Task<IReadOnlyList<(string Name, EndpointOrigin Origin)>> NamesAsync(CancellationToken ct = default)
    {
        var names = new List<(string, EndpointOrigin)>();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in clients.Sources)
            if (taken.Add(source.Endpoint)) names.Add((source.Endpoint, EndpointOrigin.InProcess));
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            foreach (var name in await db.ModelEndpoints.AsNoTracking().OrderBy(e => e.Name).Select(e => e.Name).ToListAsync(ct))
                if (taken.Add(name)) names.Add((name, EndpointOrigin.Registry));
        }
        foreach (var (name, config) in options.Value.Endpoints.OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase))
            if (!string.IsNullOrWhiteSpace(config.BaseUrl) && taken.Add(name)) names.Add((name, EndpointOrigin.Configuration));
        return names;
    }

    /// <summary>
    /// The models <paramref name="endpoint"/> serves. <paramref name="maxWait"/> caps the wait below the endpoint's
    /// own timeout (a builder page should not hang on a dead endpoint).
    /// </summary>
    public async Task<EndpointModels> ListAsync(string endpoint, TimeSpan? maxWait = null, CancellationToken ct = default)
    {
        var started = time.GetTimestamp();
        var source = clients.Sources.FirstOrDefault(s => string.Equals(s.Endpoint, endpoint, StringComparison.OrdinalIgnoreCase));
        if (source is not null)
        {
            var models = source.ListModels().Where(m => m.Kind == "chat").Select(m => m.Id).ToList();
            return new EndpointModels(source.Endpoint, EndpointOrigin.InProcess, models.Count > 0, time.GetElapsedTime(started).TotalMilliseconds, models,
                models.Count > 0 ? null : "No chat model is installed in the models directory.");
        }

        var (origin, baseUrl, apiKey, timeout, enabled) = await FindAsync(endpoint, ct);
        if (origin == EndpointOrigin.Unknown)
            return new EndpointModels(endpoint, origin, false, 0, [], $"There is no model endpoint '{endpoint}'.", Enabled: false);

        using var request = new HttpRequestMessage(HttpMethod.Get, baseUrl!.TrimEnd('/') + "/models");
        if (!string.IsNullOrEmpty(apiKey)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var wait = TimeSpan.FromSeconds(Math.Min(timeout, 30));
        using var timer = new CancellationTokenSource(maxWait is { } max && max < wait ? max : wait, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        EndpointModels Failed(string problem) => new(endpoint, origin, false, time.GetElapsedTime(started).TotalMilliseconds, [], problem, enabled);
        try
        {
            using var response = await httpClients.CreateClient("LanguageModels").SendAsync(request, deadline.Token);
            if (!response.IsSuccessStatusCode) return Failed($"The endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(deadline.Token));
            var models = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
                ? data.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null)
                    .OfType<string>().ToList()
                : [];
            return new EndpointModels(endpoint, origin, true, time.GetElapsedTime(started).TotalMilliseconds, models, null, enabled);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failed("The endpoint did not answer in time.");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException)
        {
            return Failed($"The endpoint could not be reached: {e.Message}");
        }
    }

    private async Task<(EndpointOrigin Origin, string? BaseUrl, string? ApiKey, int Timeout, bool Enabled)> FindAsync(string endpoint, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = endpoint.ToLowerInvariant();
        var registered = await db.ModelEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Name == name, ct);
        if (registered is not null)
            return (EndpointOrigin.Registry, registered.BaseUrl, keys.Unprotect(registered.ProtectedApiKey), registered.TimeoutSeconds, registered.Enabled);
        if (options.Value.Endpoints.TryGetValue(endpoint, out var config) && config.BaseUrl is { Length: > 0 } url)
            return (EndpointOrigin.Configuration, url, config.ApiKey, config.TimeoutSeconds ?? 30, true);
        return (EndpointOrigin.Unknown, null, null, 0, false);
    }
}

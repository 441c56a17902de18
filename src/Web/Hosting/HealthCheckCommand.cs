namespace InteractionLab.Web.Hosting;

/// <summary>
/// <c>dotnet InteractionLab.Web.dll healthcheck [url]</c>: asks a running instance's <c>/alive</c> and exits 0 when it
/// answers with success, 1 otherwise. The container's <c>HEALTHCHECK</c> uses it because the ASP.NET runtime image has
/// neither wget nor curl, only <c>dotnet</c> and the app. It runs before the host is built: no database, no models.
/// </summary>
public static class HealthCheckCommand
{
    /// <summary>The command-line verb.</summary>
    public const string Verb = "healthcheck";

    /// <summary>Runs the check when the first argument is <see cref="Verb"/>; false otherwise (start the server).</summary>
    public static async Task<bool> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != Verb) return false;
        var url = new Uri(args.Length > 1 ? args[1] : AliveUrl(Environment.GetEnvironmentVariable("ASPNETCORE_URLS"), Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url);
            Console.WriteLine($"{url}: {(int)response.StatusCode}");
            Environment.ExitCode = response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"{url}: {e.Message}");
            Environment.ExitCode = 1;
        }
        return true;
    }

    /// <summary>
    /// <c>/alive</c> on this machine at the first address the server listens on (<c>ASPNETCORE_URLS</c>, else
    /// <c>ASPNETCORE_HTTP_PORTS</c>, else the image's 8080), with a wildcard host read as localhost.
    /// </summary>
    public static string AliveUrl(string? urls, string? httpPorts)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
            return $"http://localhost:{httpPorts?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "8080"}/alive";
        var wildcard = first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
        return wildcard.TrimEnd('/') + "/alive";
    }
}

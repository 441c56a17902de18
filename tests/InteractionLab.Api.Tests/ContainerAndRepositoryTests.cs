using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using InteractionLab.Testing;
using InteractionLab.Web.Hosting;

namespace InteractionLab.Api.Tests;

/// <summary>
/// What the repository ships around the code: the web image's health check uses only what the ASP.NET runtime
/// image has and passes on a live server, and generated demo models stay out of git.
/// </summary>
public sealed partial class ContainerAndRepositoryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    /// <summary>The exec-form command of the web stage's HEALTHCHECK.</summary>
    private static string[] WebHealthCheck()
    {
        var dockerfile = File.ReadAllText(Path.Combine(WebApp.RepositoryRoot, "Dockerfile"));
        var web = dockerfile[dockerfile.IndexOf(" AS web", StringComparison.Ordinal)..];
        var line = HealthCheckLine().Match(web);
        Assert.True(line.Success, "The web stage has a HEALTHCHECK in exec form (CMD [\"program\", …]).");
        return JsonSerializer.Deserialize<string[]>(line.Groups["exec"].Value)!;
    }

    private static async Task<int> RunAsync(string[] command, string dll, string urls)
    {
        // The image runs it in /app beside the dll; here the dll is the one the tests built.
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command[1..]) start.ArgumentList.Add(argument == Path.GetFileName(dll) ? dll : argument);
        start.Environment["ASPNETCORE_URLS"] = urls;
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync(new CancellationTokenSource(Patience).Token);
        return process.ExitCode;
    }

    [Fact]
    public async Task TheWebImagesHealthCheckRunsOnlyWhatTheRuntimeImageHasAndPassesOnlyWhileTheServerAnswers()
    {
        var command = WebHealthCheck();
        var (_, dll) = WebApp.Locate();
        await using var database = await PostgresDatabase.CreateAsync();
        await using var platform = new PlatformFactory(database.ConnectionString);
        var address = platform.StartKestrel();
        var live = await RunAsync(command, dll, $"http://+:{address.Port}");
        var closed = await RunAsync(command, dll, $"http://+:{FreePort()}");

        // The ASP.NET runtime image has dotnet and the app, not wget or curl.
        Assert.Equal(["dotnet", "InteractionLab.Web.dll", HealthCheckCommand.Verb], command);
        Assert.Equal((0, 1), (live, closed));
    }

    [Theory]
    [InlineData("http://+:8080", null, "http://localhost:8080/alive")]
    [InlineData("http://*:5000;https://*:5001", null, "http://localhost:5000/alive")]
    [InlineData(null, "8081", "http://localhost:8081/alive")]
    [InlineData(null, null, "http://localhost:8080/alive")]
    [InlineData("http://127.0.0.1:9000/", null, "http://127.0.0.1:9000/alive")]
    public void TheHealthCheckAsksAliveWhereTheServerListens(string? urls, string? ports, string expected) =>
        Assert.Equal(expected, HealthCheckCommand.AliveUrl(urls, ports));

    [Fact]
    public async Task GeneratedDemoModelsAreNotCommittedAndTheFolderTheAppWritesThemToIsIgnored()
    {
        var tracked = await GitAsync("ls-files", "--", "src/Web/data");
        var ignored = await GitAsync("check-ignore", "src/Web/data/models/demo-chat/onnx/model.onnx", "src/Web/data/interactionlab.jobs.db");

        Assert.Equal("", tracked.Trim());
        Assert.Equal(2, ignored.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static async Task<string> GitAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = WebApp.RepositoryRoot, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var git = Process.Start(start)!;
        var output = await git.StandardOutput.ReadToEndAsync();
        await git.WaitForExitAsync();
        return output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^HEALTHCHECK\b.*?\bCMD\s+(?<exec>\[.*\])\s*$", RegexOptions.Multiline)]
    private static partial Regex HealthCheckLine();
}

using InteractionLab.Inference.Demo;
using InteractionLab.Inference.Store;

namespace InteractionLab.Inference;

/// <summary>
/// Command line of the standalone inference service:
/// <c>serve --models DIR [--urls URL]</c>, <c>pull OWNER/NAME [--revision main] [--endpoint URL] [--token T] --models DIR</c>,
/// <c>generate-demo --models DIR</c>.
/// </summary>
public static class Program
{
    /// <summary>Runs a command; the exit code is 0 on success, 1 on failure, 2 on bad usage.</summary>
    public static async Task<int> Main(string[] args)
    {
        var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "serve";
        var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
        try
        {
            switch (command)
            {
                case "serve":
                    var app = InferenceServer.Build(Without(rest, "--models"), Option(rest, "--models"));
                    await app.RunAsync();
                    return 0;
                case "generate-demo":
                    var target = Option(rest, "--models") ?? "models";
                    await DemoModels.EnsureAsync(target);
                    Console.WriteLine($"Demo models '{DemoModels.ChatModelId}' and '{DemoModels.EmbeddingModelId}' are in {Path.GetFullPath(target)}.");
                    return 0;
                case "pull" when rest.Length > 0 && !rest[0].StartsWith('-'):
                    return await PullAsync(rest[0], rest[1..]);
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (Exception e) when (e is InvalidDataException or HttpRequestException or ArgumentException or IOException)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private const string Usage = """
        usage:
          serve --models DIR [--urls http://0.0.0.0:8000]    OpenAI-compatible API on the models in DIR
          pull OWNER/NAME --models DIR [--revision main] [--endpoint https://huggingface.co] [--token HF_TOKEN]
          generate-demo --models DIR                         write the demo models (random weights)
        """;

    private static async Task<int> PullAsync(string repo, string[] rest)
    {
        var endpoint = Option(rest, "--endpoint") ?? Environment.GetEnvironmentVariable("HF_ENDPOINT") ?? "https://huggingface.co";
        var token = Option(rest, "--token") ?? Environment.GetEnvironmentVariable("HF_TOKEN");
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var bar = new ConsoleProgressBar(Console.Error);
        var puller = new HubModelPuller(handler, endpoint, token);
        var path = await puller.PullAsync(repo, Option(rest, "--revision") ?? "main", Option(rest, "--models") ?? "models", bar, cancel.Token);
        bar.Finish();
        Console.WriteLine($"Pulled {repo} into {Path.GetFullPath(path)} (checksums verified).");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static string[] Without(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at < 0 ? args : [.. args[..at], .. args[Math.Min(at + 2, args.Length)..]];
    }
}

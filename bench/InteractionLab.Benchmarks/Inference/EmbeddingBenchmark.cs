using System.Diagnostics;
using System.Globalization;
using InteractionLab.Inference;
using InteractionLab.Inference.Engine;
using InteractionLab.Inference.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace InteractionLab.Benchmarks.Inference;

/// <summary>
/// `dotnet run -c Release --project bench/InteractionLab.Benchmarks -- inference embeddings [threads]`: latency of
/// embedding a batch of 32 values cards with all-MiniLM-L6-v2 through our engine (<c>IEmbeddingGenerator</c>:
/// tokenizing, padding, Run, mean pooling, normalising) against ONNX Runtime's own Run on the very same input
/// tensors in a second session with the same options: the physical reference, what the model costs on this CPU.
/// </summary>
internal static class EmbeddingBenchmark
{
    private const int Rounds = 30;

    public static async Task<int> RunAsync(string[] args)
    {
        var threads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 0;
        var models = Path.Combine(Path.GetTempPath(), "ilab-bench-models");
        var directory = await PackagedModels.EnsureMiniLmAsync(models);
        var options = new InferenceOptions { ModelsDirectory = models, ExecutionProvider = "cpu", IntraOpNumThreads = threads };
        await using var services = new ServiceCollection().AddLocalInference(o =>
        {
            o.ModelsDirectory = options.ModelsDirectory;
            o.ExecutionProvider = options.ExecutionProvider;
            o.IntraOpNumThreads = options.IntraOpNumThreads;
        }).BuildServiceProvider();
        var host = services.GetRequiredService<LocalModelHost>();
        var generator = host.GetEmbeddingGenerator(PackagedModels.MiniLmModelId);
        var cards = Cards();
        var batch = host.GetEncoder(PackagedModels.MiniLmModelId).Encode(cards);
        using var reference = ExecutionProviderSelector.Open(HfModelDirectory.FindGraph(directory)!, options, "reference", NullLogger.Instance, out var provider);
        using var ids = OrtValue.CreateTensorValueFromMemory(batch.Ids, [batch.Size, batch.Length]);
        using var mask = OrtValue.CreateTensorValueFromMemory(batch.Mask, [batch.Size, batch.Length]);
        using var types = OrtValue.CreateTensorValueFromMemory(new long[batch.Ids.Length], [batch.Size, batch.Length]);
        using var runOptions = new RunOptions();

        var engine = new List<double>();
        var run = new List<double>();
        for (var i = 0; i < Rounds + 3; i++) // the first 3 rounds of each warm up (JIT, ORT's arena) and are not counted
        {
            var start = Stopwatch.GetTimestamp();
            await generator.GenerateAsync(cards);
            if (i >= 3) engine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds / cards.Count);
            start = Stopwatch.GetTimestamp();
            using (reference.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [ids, mask, types], ["last_hidden_state"]))
            {
                if (i >= 3) run.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds / cards.Count);
            }
        }

        double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"all-MiniLM-L6-v2, batch of {cards.Count} values cards ({batch.Tokens} word pieces, padded to {batch.Length}), {provider}, " +
            $"IntraOpNumThreads={threads} (0 = ONNX Runtime decides), {Environment.ProcessorCount} cores, medians of {Rounds} rounds"));
        Console.WriteLine("| path | ms per card | ms per batch of 32 |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| our engine (IEmbeddingGenerator) | {Median(engine):0.00} | {Median(engine) * cards.Count:0.0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ONNX Runtime Run, same tensors | {Median(run):0.00} | {Median(run) * cards.Count:0.0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine outside Run: {(Median(engine) - Median(run)) / Median(run):P1} of Run"));
        return 0;
    }

    /// <summary>32 card texts as the canonicaliser sees them (title, description, policies on separate lines).</summary>
    private static List<string> Cards()
    {
        string[] titles = ["Space to grieve at their pace", "Honest talk within the family", "Growing his own self-direction", "Accurate and sourced facts",
            "Not facing it alone", "Keeping him socially connected", "Joy in learning", "Context over sensationalism"];
        string[] descriptions = ["Letting a grieving friend set the pace of contact.", "Saying openly what we are worried about instead of hinting or going behind his back.",
            "Helping him learn to plan his own time and take ownership of his schoolwork.", "Answering with what is documented, so that people can rely on the account and check it."];
        string[] policies = ["MOMENTS when a friend needs quiet more than company", "SIGNS that an invitation would feel like pressure",
            "CHOICES about when and how he does his work", "SOURCES such as court records and official investigations",
            "FRIENDS or family members she trusts enough to tell", "EVENTS leading up to the breach"];
        return Enumerable.Range(0, 32).Select(i => string.Join('\n',
            [titles[i % titles.Length], descriptions[i % descriptions.Length], .. Enumerable.Range(0, 3 + i % 4).Select(p => policies[(i + p) % policies.Length])])).ToList();
    }
}

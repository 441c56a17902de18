using InteractionLab.Benchmarks.Inference;

// One switch per area; each area keeps its benchmarks in its own folder.
return args switch
{
    ["inference", .. var rest] => await InferenceBenchmark.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/InteractionLab.Benchmarks -- inference [tokens-per-stream]");
    return 2;
}

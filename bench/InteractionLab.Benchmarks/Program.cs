using InteractionLab.Benchmarks.Ingest;

// dotnet run -c Release --project bench/InteractionLab.Benchmarks -- <benchmark> [options]
return args.FirstOrDefault() switch
{
    "ingest" => await IngestBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: InteractionLab.Benchmarks ingest   (env INTERACTIONLAB_BENCH_PG = PostgreSQL server connection string)");
    return 2;
}

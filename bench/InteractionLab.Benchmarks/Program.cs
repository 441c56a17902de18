using InteractionLab.Benchmarks.Annotation;
using InteractionLab.Benchmarks.Dashboard;
using InteractionLab.Benchmarks.Inference;
using InteractionLab.Benchmarks.Ingest;
using InteractionLab.Benchmarks.Participants;
using InteractionLab.Benchmarks.Results;
using InteractionLab.Benchmarks.Tasks;

// dotnet run -c Release --project bench/InteractionLab.Benchmarks -- <benchmark> [options]
// One switch per area; each area keeps its benchmarks in its own folder.
return args switch
{
    ["inference", "embeddings", .. var rest] => await EmbeddingBenchmark.RunAsync(rest),
    ["inference", .. var rest] => await InferenceBenchmark.RunAsync(rest),
    ["ingest", .. var rest] => await IngestBenchmark.RunAsync(rest),
    ["dashboard", .. var rest] => await DashboardBenchmark.RunAsync(rest),
    ["results", .. var rest] => await ResultsBenchmark.RunAsync(rest),
    ["task-events", ..] => await TaskEventsBenchmark.RunAsync(),
    ["participants", .. var rest] => await ParticipantsBenchmark.RunAsync(rest),
    ["annotation", .. var rest] => await AnnotationBenchmark.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project bench/InteractionLab.Benchmarks -- <benchmark>
          inference [tokens-per-stream]   tokens/s, time to first token, engine overhead (in-process and HTTP)
          inference embeddings [threads]  ms per values card (batch of 32, all-MiniLM-L6-v2): our engine vs ONNX Runtime's Run
          ingest                          trace events/s through the hub vs raw COPY (env INTERACTIONLAB_BENCH_PG)
          dashboard [sessions...]         live study dashboard snapshot time at 1k/10k/50k sessions (env INTERACTIONLAB_BENCH_PG)
          results [sessions...]           results page query (mean ± SE per condition) at 1k/10k sessions (env INTERACTIONLAB_BENCH_PG)
          task-events                     task event append latency/throughput (1, 32, 2 writers on one session) and resume read (env INTERACTIONLAB_BENCH_PG)
          annotation [alpha | queue [items annotators rounds] | comparison [sessions]]  alpha with 1,000 resamples on 10,000 units × 3 raters; next-item p50/p99, 200 annotators over 100,000 items; first- vs third-party comparison on 10,000 sessions (env INTERACTIONLAB_BENCH_PG)
          participants [counts...]        participants per instance on the in-process demo model: failed replies, first-piece p99 (env INTERACTIONLAB_BENCH_PG)
        """);
    return 2;
}

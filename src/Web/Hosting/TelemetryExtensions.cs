using InteractionLab.Inference.Engine;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace InteractionLab.Web.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics of the host: ASP.NET Core, SignalR, the database (Npgsql, which carries EF Core's
/// commands), HttpClient, Microsoft.Extensions.AI's chat clients and the in-process inference engine. Exported by OTLP
/// when an endpoint is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> as the OpenTelemetry specification defines it, or
/// <c>Telemetry:OtlpEndpoint</c> for OTLP over HTTP/protobuf); with neither, nothing is exported or printed.
/// See <c>docs/decisions/0005-background-jobs-and-telemetry.md</c>.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The service name when <c>OTEL_SERVICE_NAME</c> does not set one.</summary>
    public const string ServiceName = "interactionlab-web";

    /// <summary>SignalR's server activity source (hub method invocations) in .NET 9 and later.</summary>
    public const string SignalRSource = "Microsoft.AspNetCore.SignalR.Server";

    /// <summary>SignalR's connection meter (connections, their duration, transports).</summary>
    public const string SignalRMeter = "Microsoft.AspNetCore.Http.Connections";

    /// <summary>Activity source and meter of Microsoft.Extensions.AI's <c>UseOpenTelemetry</c> chat clients.</summary>
    public const string ChatClientSource = "Experimental.Microsoft.Extensions.AI";

    /// <summary>Adds the instrumentation, and the OTLP exporter when an endpoint is configured.</summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(SignalRSource, ChatClientSource))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(SignalRMeter, ChatClientSource, InferenceMeters.MeterName));
        if (builder.Configuration["Telemetry:OtlpEndpoint"] is { Length: > 0 } endpoint)
            telemetry.UseOtlpExporter(OtlpExportProtocol.HttpProtobuf, new Uri(endpoint));
        else if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.UseOtlpExporter();
        return builder;
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Inference.Tests;

/// <summary>
/// A local Kestrel serving a directory in the Hugging Face hub's URL layout: the revision listing, resolve URLs
/// that redirect LFS files (*.onnx) to a CDN path with X-Linked-Etag = sha256, git-blob SHA-1 ETags for small
/// files, and HTTP Range support.
/// </summary>
public sealed class FakeHub(string repository, string sourceDirectory) : IAsyncDisposable
{
    private WebApplication? _app;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Range headers received per CDN download, in order.</summary>
    public ConcurrentQueue<(string Path, string? Range)> Downloads { get; } = new();

    /// <summary>When set, LFS content is served with one byte changed (the checksum headers stay right).</summary>
    public bool CorruptLfs { get; set; }

    private IEnumerable<string> Files => Directory.EnumerateFiles(sourceDirectory, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(sourceDirectory, f).Replace('\\', '/')).Order();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet($"/api/models/{repository}/revision/{{rev}}", (string rev) => Results.Json(new
        {
            id = repository, sha = "0123456789abcdef0123456789abcdef01234567",
            siblings = Files.Select(f => new { rfilename = f }),
        }));
        _app.MapMethods($"/{repository}/resolve/{{rev}}/{{**path}}", ["GET", "HEAD"], (string path, HttpContext context) =>
        {
            var bytes = File.ReadAllBytes(Path.Combine(sourceDirectory, path));
            if (path.EndsWith(".onnx", StringComparison.Ordinal))
            {
                var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
                context.Response.Headers["X-Linked-Etag"] = $"\"{sha}\"";
                context.Response.Headers["X-Linked-Size"] = bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Redirect($"/cdn/{path}");
            }

            var blob = Encoding.ASCII.GetBytes($"blob {bytes.Length}\0").Concat(bytes).ToArray();
            context.Response.Headers.ETag = $"\"{Convert.ToHexStringLower(SHA1.HashData(blob))}\"";
            return Results.File(bytes, "application/octet-stream", enableRangeProcessing: true);
        });
        _app.MapGet("/cdn/{**path}", (string path, HttpContext context) =>
        {
            Downloads.Enqueue((path, context.Request.Headers.Range.FirstOrDefault()));
            var bytes = File.ReadAllBytes(Path.Combine(sourceDirectory, path));
            if (CorruptLfs) { bytes[^1] ^= 0xFF; }
            return Results.File(bytes, "application/octet-stream", enableRangeProcessing: true);
        });
        await _app.StartAsync();
        Endpoint = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) { await _app.DisposeAsync(); }
    }
}

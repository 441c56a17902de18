using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using InteractionLab.Inference.Clients;
using InteractionLab.Inference.Engine;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InteractionLab.Inference;

/// <summary>
/// Owns the models of one models directory. Models load on first use and are shared by every caller; the same
/// instances serve the in-process clients and the OpenAI-compatible HTTP API. Replies are stamped with
/// <paramref name="time"/>'s clock.
/// </summary>
public sealed class LocalModelHost(IOptions<InferenceOptions> options, ILogger<LocalModelHost> logger, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<IDisposable>> _loaded = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The engine's settings.</summary>
    public InferenceOptions Options => options.Value;

    /// <summary>The clock replies are stamped with (<c>created</c>, <c>CreatedAt</c>).</summary>
    internal TimeProvider Time => time;

    /// <summary>An <see cref="IChatClient"/> for a decoder model; the model loads on the first request.</summary>
    /// <exception cref="KeyNotFoundException">No decoder with that id exists in the models directory.</exception>
    public IChatClient GetChatClient(string modelId)
    {
        RequireKind(modelId, "chat");
        return new LocalChatClient(this, modelId);
    }

    /// <summary>An embedding generator for an encoder model; the model loads on the first request.</summary>
    /// <exception cref="KeyNotFoundException">No encoder with that id exists in the models directory.</exception>
    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string modelId)
    {
        RequireKind(modelId, "embedding");
        return new LocalEmbeddingGenerator(this, modelId);
    }

    /// <summary>Every model in the models directory, with the provider of those already loaded.</summary>
    public IReadOnlyList<LocalModelInfo> ListModels()
    {
        var root = Path.GetFullPath(Options.ModelsDirectory);
        if (!Directory.Exists(root))
        {
            return [];
        }

        var dirs = Directory.EnumerateDirectories(root)
            .SelectMany(d => HfModelDirectory.LooksLikeModel(d) ? [d] : Directory.EnumerateDirectories(d).Where(HfModelDirectory.LooksLikeModel));
        return dirs
            .Where(d => !Path.GetFileName(d).Contains(".tmp-", StringComparison.Ordinal))
            .Select(d => Describe(Path.GetRelativePath(root, d).Replace('\\', '/'), d))
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Tokens a chat model reads at most (prompt plus generated), from its <c>config.json</c>
    /// (<c>max_position_embeddings</c> or <c>n_positions</c>) without loading it; null when the config does not say.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No decoder with that id exists in the models directory.</exception>
    public int? ContextLength(string modelId)
    {
        var files = HfModelDirectory.Open(RequireKind(modelId, "chat"));
        return files.Int("max_position_embeddings") ?? files.Int("n_positions");
    }

    /// <summary>
    /// The prompt's tokens exactly as a request builds them: a completion-style prompt is the messages' text as is,
    /// a chat prompt is rendered with the model's chat template. Loads the model on first use.
    /// </summary>
    public int CountPromptTokens(string modelId, IReadOnlyList<(string Role, string Text)> messages, bool completionStyle)
    {
        var model = GetDecoder(modelId);
        return completionStyle
            ? model.Tokenizer.Encode(string.Concat(messages.Select(m => m.Text)), allowSpecialTokens: false).Count
            : model.EncodePrompt(model.Template.Render(messages)).Count;
    }

    internal void Preload(LocalModelInfo model)
    {
        if (model.Kind == "chat") { GetDecoder(model.Id); }
        else { GetEncoder(model.Id); }
    }

    internal DecoderModel GetDecoder(string modelId) => Load(modelId, "chat", dir => DecoderModel.Load(modelId, dir, Options, logger));

    internal EncoderModel GetEncoder(string modelId) => Load(modelId, "embedding", dir => EncoderModel.Load(modelId, dir, Options, logger));

    private T Load<T>(string modelId, string kind, Func<string, T> load)
        where T : class, IDisposable
    {
        var lazy = _loaded.GetOrAdd(modelId, id => new Lazy<IDisposable>(() =>
        {
            logger.LogInformation("Loading model {ModelId}", id);
            return load(RequireKind(id, kind));
        }));
        try
        {
            return lazy.Value as T ?? throw new ModelNotFoundException($"The model '{modelId}' is not a {kind} model.");
        }
        catch (Exception) when (!lazy.IsValueCreated)
        {
            _loaded.TryRemove(new KeyValuePair<string, Lazy<IDisposable>>(modelId, lazy)); // let a fixed model load later
            throw;
        }
    }

    private string RequireKind(string modelId, string kind)
    {
        var root = Path.GetFullPath(Options.ModelsDirectory);
        var dir = Path.GetFullPath(Path.Combine(root, modelId));
        if (modelId.Length == 0 || !dir.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !HfModelDirectory.LooksLikeModel(dir))
        {
            throw new ModelNotFoundException($"The model '{modelId}' does not exist in the models directory.");
        }

        if (KindOf(dir) != kind)
        {
            throw new ModelNotFoundException($"The model '{modelId}' is not a {kind} model.");
        }

        return dir;
    }

    private LocalModelInfo Describe(string id, string dir)
    {
        var provider = _loaded.TryGetValue(id, out var lazy) && lazy.IsValueCreated
            ? lazy.Value switch { DecoderModel d => d.Provider, EncoderModel e => e.Provider, _ => null }
            : null;
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "config.json")));
        return new LocalModelInfo(id, KindOf(dir), (string?)config?["interactionlab_description"], provider);
    }

    /// <summary>Decoders are recognised by a causal-LM architecture name, as transformers' config.json has it.</summary>
    private static string KindOf(string dir)
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "config.json")));
        var architectures = config?["architectures"]?.AsArray().Select(a => (string?)a ?? "") ?? [];
        return architectures.Any(a => a.Contains("CausalLM", StringComparison.Ordinal) || a.Contains("LMHead", StringComparison.Ordinal))
            ? "chat" : "embedding";
    }

    /// <summary>Releases every loaded ONNX Runtime session.</summary>
    public void Dispose()
    {
        foreach (var lazy in _loaded.Values.Where(l => l.IsValueCreated))
        {
            lazy.Value.Dispose();
        }
    }
}

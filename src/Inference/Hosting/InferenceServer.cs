namespace InteractionLab.Inference;

/// <summary>The standalone service: Kestrel, the local engine and the OpenAI-compatible API.</summary>
public static class InferenceServer
{
    /// <summary>
    /// Builds the web application. Configuration section "Inference" holds <see cref="InferenceOptions"/>;
    /// <paramref name="modelsDirectory"/> overrides Inference:ModelsDirectory when given.
    /// </summary>
    public static WebApplication Build(string[] args, string? modelsDirectory = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (modelsDirectory is not null)
        {
            builder.Configuration["Inference:ModelsDirectory"] = modelsDirectory;
        }

        builder.Services.AddLocalInference(builder.Configuration.GetSection("Inference"));
        // Kestrel's default, stated because streaming depends on it: a token's small packet leaves at once instead of
        // waiting (Nagle) for the previous one's acknowledgement, which the client may delay by up to 40 ms.
        builder.WebHost.UseSockets(sockets => sockets.NoDelay = true);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();
        app.MapOpenAiCompatibleApi();
        return app;
    }
}

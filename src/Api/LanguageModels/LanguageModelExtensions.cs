using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.LanguageModels;

/// <summary>Registers the LM gateway and its endpoint configuration.</summary>
public static class LanguageModelExtensions
{
    /// <summary>Adds <see cref="LanguageModelGateway"/>; in-process engines add their <see cref="IChatClientSource"/>.</summary>
    public static IHostApplicationBuilder AddLanguageModels(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LanguageModelOptions>().BindConfiguration(LanguageModelOptions.Section);
        builder.Services.AddHttpClient("LanguageModels", c => c.Timeout = TimeSpan.FromMinutes(5));
        builder.Services.AddDataProtection();
        builder.Services.AddSingleton<ModelEndpointKeys>();
        builder.Services.AddSingleton<ChatClientRegistry>();
        builder.Services.AddSingleton<LanguageModelGateway>();
        return builder;
    }
}

using InteractionLab.Api.LanguageModels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Testing;

/// <summary>Decorates the platform's real <see cref="IChatClientSource"/> so its clients are pausable.</summary>
internal sealed class PausableChatClientSource(IChatClientSource inner, StreamHold hold) : IChatClientSource
{
    public string Endpoint => inner.Endpoint;

    public IChatClient GetClient(string model) => new PausableChatClient(inner.GetClient(model), hold);

    public IReadOnlyList<SourceModel> ListModels() => inner.ListModels();

    public int? CapacityOf(string model) => inner.CapacityOf(model);

    public bool IsBusy(Exception error) => inner.IsBusy(error);

    public ModelContext? ContextOf(string model) => inner.ContextOf(model);

    /// <summary>Replaces every in-process source the app registered (by <c>AddLocalModels()</c>) with a pausable one.</summary>
    public static void Decorate(IServiceCollection services, StreamHold hold)
    {
        var sources = services.Where(d => d.ServiceType == typeof(IChatClientSource) && !d.IsKeyedService).ToList();
        if (sources.Count == 0) throw new InvalidOperationException("The app registered no in-process model source.");
        foreach (var descriptor in sources)
        {
            services.Remove(descriptor);
            services.AddSingleton<IChatClientSource>(sp => new PausableChatClientSource(Create(sp, descriptor), hold));
        }
    }

    private static IChatClientSource Create(IServiceProvider sp, ServiceDescriptor d) => (IChatClientSource)(
        d.ImplementationInstance
        ?? d.ImplementationFactory?.Invoke(sp)
        ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!));
}

using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Inference.Tests;

/// <summary>An in-process model host over the shared test models, as the platform registers it.</summary>
public sealed class HostFixture : IDisposable
{
    private readonly ServiceProvider _services;

    public HostFixture()
    {
        _services = new ServiceCollection()
            .AddLocalInference(o =>
            {
                o.ModelsDirectory = TestModels.Directory;
                o.ExecutionProvider = "cpu";
                o.IntraOpNumThreads = 1;
            })
            .BuildServiceProvider();
        Host = _services.GetRequiredService<LocalModelHost>();
    }

    public LocalModelHost Host { get; }

    public void Dispose() => _services.Dispose();
}

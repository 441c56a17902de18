using InteractionLab.Inference.Demo;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Inference.Tests;

public class ExecutionProviderTests
{
    private static LocalModelHost Host(string provider) => new ServiceCollection()
        .AddLocalInference(o => { o.ModelsDirectory = TestModels.Directory; o.ExecutionProvider = provider; })
        .BuildServiceProvider().GetRequiredService<LocalModelHost>();

    [Fact]
    public async Task AutoFallsBackToTheCpuWithoutCudaAndReportsIt()
    {
        var host = Host("auto");
        await host.GetChatClient(DemoModels.ChatModelId).GetResponseAsync("hi", new ChatOptions { MaxOutputTokens = 2 });

        Assert.Equal("CPUExecutionProvider", host.ListModels().Single(m => m.Id == DemoModels.ChatModelId).ExecutionProvider);
        Assert.Null(host.ListModels().Single(m => m.Id == DemoModels.EmbeddingModelId).ExecutionProvider);
    }

    [Fact]
    public async Task CudaWithoutTheGpuBuildFailsWithAMessageSayingHowToGetIt()
    {
        var host = Host("cuda");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            host.GetChatClient(DemoModels.ChatModelId).GetResponseAsync("hi", new ChatOptions { MaxOutputTokens = 2 }));

        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu", error.Message);
    }
}

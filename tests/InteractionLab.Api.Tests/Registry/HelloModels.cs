using InteractionLab.Testing.LanguageModel;

namespace InteractionLab.Api.Tests.Registry;

/// <summary>
/// The scripted OpenAI-compatible server as an external paid API for the registry's tests: it lists gpt-test and hang;
/// model "hang" sends one piece ("Hello") and then nothing; any other model streams "Hello there" with usage 12/2.
/// </summary>
public static class HelloModels
{
    /// <summary>Starts the server on a free port.</summary>
    public static Task<ScriptedOpenAiServer> StartAsync() => ScriptedOpenAiServer.StartAsync(server => server
        .Lists("gpt-test", "hang")
        .When(c => c.Model == "hang", _ => ScriptedReply.SayThenHang("Hello"))
        .Otherwise(_ => ScriptedReply.Say("Hello there") with { Usage = (12, 2) }));
}

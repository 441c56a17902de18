using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using InteractionLab.Api.LanguageModels;

namespace InteractionLab.Api.Tests.Registry;

/// <summary>Structured answers as models give them: fenced, with a sentence around them, with trailing commas.</summary>
public sealed class JsonAnswersTests
{
    private sealed record Answer(string? Action, List<string>? Items);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    [Theory]
    [InlineData("{\"action\":\"go\",\"items\":[\"a\"]}")]
    [InlineData("```json\n{\"action\": \"go\", \"items\": [\"a\"]}\n```")]
    [InlineData("Sure, here it is: {\"action\":\"go\",\"items\":[\"a\",],} Hope that helps.")]
    [InlineData("{ /* the plan */ \"action\": \"go\", \"items\": [\"a\"] }")]
    public void TheObjectInTheAnswerIsReadWhateverIsAroundIt(string answer)
    {
        var (value, problem) = JsonAnswers.Read<Answer>(answer, Json);

        Assert.Null(problem);
        Assert.Equal("go", value!.Action);
        Assert.Equal(["a"], value.Items!);
    }

    [Theory]
    [InlineData("", JsonAnswers.NoObject)]
    [InlineData("go", JsonAnswers.NoObject)]
    [InlineData("{ \"action\": 1 }", "could not be converted")]
    public void AnAnswerWithoutTheObjectSaysWhy(string answer, string problem)
    {
        var (value, why) = JsonAnswers.Read<Answer>(answer, Json);

        Assert.Null(value);
        Assert.Contains(problem, why);
    }
}

using InteractionLab.Domain.Writing;

namespace InteractionLab.Domain.Tests.Writing;

public class CoAuthorTraceReaderTests
{
    private const string FullLine =
        """{"eventName":"suggestion-open","eventSource":"api","eventTimestamp":1641245376413,"textDelta":{"ops":[{"retain":5},{"insert":"hi"},{"delete":2}]},"cursorRange":{"index":3,"length":1},"currentDoc":"Hello hi","currentCursor":{"index":7,"length":0},"currentSuggestions":[{"original":" a cat.","trimmed":"a cat.","probability":0.25,"index":0},"plain"],"currentSuggestionIndex":"1","currentHoverIndex":"","currentN":"5","currentMaxToken":"30","currentTemperature":"0.9","currentTopP":1,"currentPresencePenalty":"0","currentFrequencyPenalty":"0.5","eventNum":12,"username":"w7"}""";

    [Fact]
    public void ReadsEveryCoAuthorFieldIncludingSettingsWrittenAsStrings()
    {
        var import = CoAuthorTraceReader.ReadText("t.jsonl", FullLine);

        var e = Assert.Single(import.Events);
        Assert.Equal(CoAuthorEventNames.SuggestionOpen, e.EventName);
        Assert.Equal(EventSource.Api, e.Source);
        Assert.Equal(1641245376413, e.TimestampMs);
        Assert.Equal(new[] { DeltaOp.Retain(5), DeltaOp.Insert("hi"), DeltaOp.Delete(2) }, e.Delta!.Ops);
        Assert.Equal(new CursorRange(3, 1), e.CursorRange);
        Assert.Equal("Hello hi", e.CurrentDoc);
        Assert.Equal(new CursorRange(7, 0), e.CurrentCursor);
        Assert.Equal(new[] { new Suggestion(" a cat.", "a cat.", 0.25, 0), new Suggestion("plain", "plain") }, e.CurrentSuggestions);
        Assert.Equal(1, e.CurrentSuggestionIndex);
        Assert.Null(e.CurrentHoverIndex);
        Assert.Equal(new TraceDecodingSettings(5, 30, 0.9, 1, 0, 0.5), e.Decoding);
        Assert.Equal(12, e.EventNum);
        Assert.Equal(1, e.LineNumber);
    }

    [Fact]
    public void KeepsUnknownFieldsAsRawJson()
    {
        var e = CoAuthorTraceReader.ReadText("t", """{"eventName":"x","username":"w7","meta":{"a":[1,2]}}""").Events[0];

        Assert.Equal("\"w7\"", e.UnknownFields["username"]);
        Assert.Equal("""{"a":[1,2]}""", e.UnknownFields["meta"]);
        Assert.Equal(2, e.UnknownFields.Count);
    }

    [Fact]
    public void AcceptsALineWithOnlyAnEventName()
    {
        var e = Assert.Single(CoAuthorTraceReader.ReadText("t", """{"eventName":"cursor-forward"}""").Events);

        Assert.Equal(EventSource.Unknown, e.Source);
        Assert.Null(e.Delta);
        Assert.Null(e.TimestampMs);
        Assert.Empty(e.CurrentSuggestions);
        Assert.Equal(TraceDecodingSettings.None, e.Decoding);
    }

    [Fact]
    public void TreatsEmptyStringsAsAbsentFields()
    {
        var e = CoAuthorTraceReader.ReadText("t",
            """{"eventName":"cursor-forward","textDelta":"","cursorRange":"","currentSuggestions":"","currentN":"","currentDoc":""}""").Events[0];

        Assert.Null(e.Delta);
        Assert.Null(e.CursorRange);
        Assert.Empty(e.CurrentSuggestions);
        Assert.Null(e.Decoding.N);
        Assert.Null(e.CurrentDoc);
    }

    [Theory]
    [InlineData("""{"eventName":"text-insert",""", "not valid JSON")]
    [InlineData("""[1,2]""", "expected a JSON object, found Array")]
    [InlineData("""{"eventSource":"user"}""", "missing eventName")]
    [InlineData("""{"eventName":"t","textDelta":{"ops":[{"retain":-1}]}}""", "textDelta op 1: retain must be a positive whole number")]
    [InlineData("""{"eventName":"t","textDelta":{"ops":[{"retain":1},{"insert":7}]}}""", "textDelta op 2: insert must be text or an embed object")]
    [InlineData("""{"eventName":"t","textDelta":{"ops":[{"bold":true}]}}""", "textDelta op 1 is none of retain, insert, delete")]
    [InlineData("""{"eventName":"t","eventTimestamp":"soon"}""", "eventTimestamp must be a number")]
    [InlineData("""{"eventName":"t","textDelta":42}""", "textDelta must be")]
    public void ExplainsWhyALineWasRejected(string line, string reason)
    {
        var import = CoAuthorTraceReader.ReadText("t", line);

        Assert.Empty(import.Events);
        var error = Assert.Single(import.Errors);
        Assert.Equal(1, error.LineNumber);
        Assert.StartsWith(reason, error.Reason);
    }

    [Fact]
    public void ReadsTheStringDeltaOfTemplateAddTemplateDeleteAndSuggestionFailAsTextNotAsAnEdit()
    {
        // HALIE's metaphor logs: a submitted sentence is a template-add whose textDelta is the sentence itself; the
        // reader refused these lines before ("textDelta must be { ops } or an empty string"), losing every sentence.
        var import = CoAuthorTraceReader.ReadText("t", string.Join('\n',
            """{"eventName":"template-add","eventSource":"user","eventTimestamp":1,"textDelta":"Life is a game. "}""",
            """{"eventName":"template-delete","eventSource":"user","eventTimestamp":2,"textDelta":"Life is a game."}""",
            """{"eventName":"suggestion-fail","eventSource":"api","eventTimestamp":3,"textDelta":"All suggestions were filtered out."}"""));

        Assert.Empty(import.Errors);
        Assert.Equal(["Life is a game. ", "Life is a game.", "All suggestions were filtered out."], import.Events.Select(e => e.DeltaText));
        Assert.All(import.Events, e => Assert.Null(e.Delta));
    }

    [Fact]
    public void ReadsAQuillEmbedAsOneObjectReplacementCharacter()
    {
        var e = CoAuthorTraceReader.ReadText("t", """{"eventName":"text-insert","textDelta":{"ops":[{"retain":2},{"insert":{"image":"x.png"}}]}}""").Events[0];

        Assert.Equal(new[] { DeltaOp.Retain(2), DeltaOp.Insert(CoAuthorTraceReader.EmbedCharacter) }, e.Delta!.Ops);
        Assert.Equal(1, CoAuthorTraceReader.EmbedCharacter.Length);
    }

    [Fact]
    public void KeepsTheGoodLinesAroundABadOneAndSkipsBlankLines()
    {
        var text = "{\"eventName\":\"a\"}\n\n{broken\n{\"eventName\":\"b\"}\n";

        var import = CoAuthorTraceReader.ReadText("t", text);

        Assert.Equal(new[] { "a", "b" }, import.Events.Select(e => e.EventName));
        Assert.Equal(2, import.EventsParsed);
        Assert.Equal(3, Assert.Single(import.Errors).LineNumber);
        Assert.Equal(4, import.Events[1].LineNumber);
        Assert.False(import.IsClean);
    }
}

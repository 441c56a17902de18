using System.Threading.Channels;
using InteractionLab.Api.Data;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Replies;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain.MoralGraph;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;

namespace InteractionLab.Api.MoralGraph.Interview;

/// <summary>
/// One participant message of a values interview: the interviewer's reply (recorded by the <see cref="ReplyRunner"/>
/// with the participant's message), then what it asks for. With tool calling the interviewer has two
/// <see cref="AIFunction"/>s: <c>show_values_card</c> drafts and shows the card and answers the interviewer with it, who
/// then streams a follow-up; <c>submit_values_card</c> submits the card shown and ends the turn. On the fallback path a
/// small structured call after the reply decides whether to show a card.
/// </summary>
internal sealed class InterviewerTurns(IDbContextFactory<PlatformDbContext> dbFactory, ReplyRunner runner, LanguageModelGateway gateway, CardDrafter drafter, CardSubmitter submitter)
{
    public async Task RunAsync(InterviewCall call, string message, ChannelWriter<InterviewUpdate> output)
    {
        var token = call.Reply.Token;
        var conversation = await InterviewConversation.ReadAsync(dbFactory, call, CancellationToken.None, pending: message);
        var messages = new List<ChatMessage> { new(ChatRole.System, conversation.System) };
        messages.AddRange(conversation.History.Select(h => new ChatMessage(h.IsUser ? ChatRole.User : ChatRole.Assistant, h.Text)));
        var submitted = false;
        var tools = call.Stage.Fallback ? [] : Tools(call, output, () => submitted = true);
        var options = InterviewerOptions(call, tools);
        var reply = await StreamAsync(call, conversation, messages, options, output, participantText: message);
        if (reply.Stopped || reply.Interrupted) return;

        if (call.Stage.Fallback)
        {
            var answered = conversation.History.Append((false, reply.Text)).ToList();
            if (await drafter.DecideAsync(call, answered, token) && (await drafter.DraftAndShowAsync(call, "fallback", token)).Card is not null)
                output.TryWrite(new InterviewUpdate(null, CardShown: true));
            return;
        }
        if (reply.FunctionCalls.Count == 0) return;

        var request = reply.FunctionCalls[0];
        var tool = tools.FirstOrDefault(t => t.Name == request.Name);
        var result = tool is null ? $"There is no tool '{request.Name}'." : await tool.InvokeAsync(new AIFunctionArguments(request.Arguments), token);
        if (submitted) return;

        // The answer to a tool call goes back to the interviewer within this turn; later turns see the card in the
        // system prompt instead, so no tool messages need to be stored.
        messages.Add(new ChatMessage(ChatRole.Assistant, [.. string.IsNullOrEmpty(reply.Text) ? Array.Empty<AIContent>() : [new TextContent(reply.Text)], request]));
        messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(request.CallId, result)]));
        options.ToolMode = ChatToolMode.None;
        await StreamAsync(call, conversation, messages, options, output, participantText: null);
    }

    // The interviewer's tools, acting on this call's chat.
    private AIFunction[] Tools(InterviewCall call, ChannelWriter<InterviewUpdate> output, Action submitted) =>
    [
        Tool(InterviewService.ShowCardTool,
            "Draft the participant's values card from the conversation and show it to them. Call when they have said concretely what they pay attention to, or to revise the card after they asked for changes.",
            async ct =>
            {
                var (card, problem) = await drafter.DraftAndShowAsync(call, "tool", ct);
                if (card is null) return $"No card could be drafted yet ({problem}). Ask the participant one more question about what they pay attention to.";
                output.TryWrite(new InterviewUpdate(null, CardShown: true));
                var problems = ValuesCardRules.Check(card);
                return "The card is now shown to the participant:\n" + CardDrafts.Serialize(card)
                    + (problems.Count > 0 ? "\nIt still has these problems, shown to the participant as advice:\n" + string.Join("\n", problems.Select(p => "- " + p.Message)) : "")
                    + "\nAsk whether it captures what they care about.";
            }),
        Tool(InterviewService.SubmitCardTool,
            "Submit the card now shown, once the participant said it captures what they care about. Only after show_values_card.",
            async ct =>
            {
                if (!await submitter.HasCardAsync(call, ct)) return "No card has been shown yet, so nothing can be submitted. Call show_values_card first.";
                await submitter.SubmitAsync(call, ct);
                output.TryWrite(new InterviewUpdate(null, Submitted: true));
                submitted();
                return "The card is submitted.";
            }),
    ];

    private static AIFunction Tool(string name, string description, Func<CancellationToken, Task<string>> act) =>
        AIFunctionFactory.Create(act, new AIFunctionFactoryOptions
        {
            Name = name, Description = description,
            // The tool's answer goes back to the interviewer as plain text, not as a JSON string.
            MarshalResult = (result, _, _) => new ValueTask<object?>(result),
        });

    private async Task<RecordedTurn> StreamAsync(InterviewCall call, InterviewConversation conversation, List<ChatMessage> messages, ChatOptions options,
        ChannelWriter<InterviewUpdate> output, string? participantText)
    {
        var decoding = Decoding(call) with { Seed = options.Seed is { } s ? (int)s : null };
        var request = new GenerationRequest(call.Stage.Model, PromptStyle.Chat, conversation.System, conversation.History, decoding, [], (int)(options.Seed ?? 0));
        var plan = new TurnPlan(new TurnPlace(call.Chat.StageKey, call.Chat.Id.ToString()), request)
        {
            ParticipantText = participantText, DropWhenOnlyToolCalls = true,
        };
        var turn = await runner.RecordAsync(call.Reply, plan, (record, token) => gateway.StreamAsync(call.Stage.Model, messages, options, record, token),
            piece => output.TryWrite(new InterviewUpdate(piece)));
        if (turn.Failure is not null)
            throw new PlatformProblemException(502, "No answer", "The interviewer could not answer this time. Please try again.");
        return turn;
    }

    private static ChatOptions InterviewerOptions(InterviewCall call, AIFunction[] tools)
    {
        var decoding = Decoding(call);
        return new ChatOptions
        {
            ModelId = call.Stage.Model.Model, Temperature = decoding.Temperature, MaxOutputTokens = decoding.MaxTokens,
            TopP = decoding.TopP, Seed = decoding.Seed,
            Tools = tools.Length == 0 ? null : [.. tools], ToolMode = tools.Length == 0 ? null : ChatToolMode.Auto,
        };
    }

    private static DecodingSettings Decoding(InterviewCall call)
    {
        var d = TaskLanguageModel.DecodingFor(new MoralInterviewTask(), call.Stage.Task, call.Stage.Condition);
        return d with { Seed = d.Seed ?? Random.Shared.Next() };
    }
}

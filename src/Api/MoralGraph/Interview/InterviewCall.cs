using InteractionLab.Api.Data;
using InteractionLab.Api.Replies;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.MoralGraph.Interview;

/// <summary>The interview stage a session is on, with the interviewer's model and path.</summary>
/// <param name="Session">The session.</param>
/// <param name="Stage">The stage.</param>
/// <param name="Task">Its task settings.</param>
/// <param name="Condition">The session's condition.</param>
/// <param name="Model">The interviewer's model (<see cref="InterviewService.InterviewerModel"/>).</param>
/// <param name="Fallback">True on the structured-output fallback (<see cref="InterviewService.UsesFallback"/>).</param>
internal sealed record InterviewStage(Session Session, StageConfig Stage, TaskConfig Task, ConditionConfig Condition, ModelRef Model, bool Fallback);

/// <summary>One participant action on a chat that asks the model: the session's running <see cref="ReplyCall"/>.</summary>
/// <param name="Reply">The running call (one per session).</param>
/// <param name="Stage">The stage.</param>
/// <param name="Chat">The chat (as read when the call began; <see cref="InterviewChat.CardJson"/> follows drafts).</param>
internal sealed record InterviewCall(ReplyCall Reply, InterviewStage Stage, InterviewChat Chat)
{
    /// <summary>The session.</summary>
    public Domain.SessionId Id => Reply.Session;
}

using InteractionLab.Api.Tasks;

namespace InteractionLab.Web.Components.Tasks;

/// <summary>What the participant session hands a task component (its only parameter, <c>Context</c>).</summary>
/// <param name="Session">The task session: events, model calls, stimuli, item order.</param>
/// <param name="Disabled">True until the page is interactive, while the session is saving, or after time ran out.</param>
/// <param name="CanFinish">False while the stage's minimum time has not passed.</param>
/// <param name="FinishAsync">Ends the stage (the server checks the task's own completion rule first).</param>
/// <param name="ErrorMessage">A problem to show (e.g. why finishing was refused), or null.</param>
public sealed record TaskStageContext(
    ITaskSession Session,
    bool Disabled,
    bool CanFinish,
    Func<Task> FinishAsync,
    string? ErrorMessage);

namespace InteractionLab.Api.Tasks.SocialDialogue;

/// <summary>One scenario of a <c>dialogue-scenarios</c> stimulus set (the normalised item).</summary>
/// <param name="Id">Stable id of the scenario within its set.</param>
/// <param name="Scenario">What the participant is told to talk about.</param>
public sealed record DialogueScenario(string Id, string Scenario);

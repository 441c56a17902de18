namespace InteractionLab.Web.Participant;

/// <summary>A refusal from the platform whose message is written for the participant (e.g. "send at least 3 messages").</summary>
/// <param name="message">Plain-language explanation to show as is.</param>
public sealed class ParticipantProblemException(string message) : Exception(message);

namespace InteractionLab.Api.Registry;

/// <summary>Model use of one condition of one study.</summary>
/// <param name="StudyId">Study.</param>
/// <param name="Study">Study slug.</param>
/// <param name="Condition">Condition key.</param>
/// <param name="Requests">Model replies recorded.</param>
/// <param name="InputTokens">Prompt tokens reported.</param>
/// <param name="OutputTokens">Generated tokens.</param>
/// <param name="MeanLatencyMs">Mean time from request to the end of the reply.</param>
public sealed record ModelUsage(
    Guid StudyId, string Study, string Condition, int Requests, long InputTokens, long OutputTokens, double? MeanLatencyMs);

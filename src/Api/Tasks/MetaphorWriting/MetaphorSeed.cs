namespace InteractionLab.Api.Tasks.MetaphorWriting;

/// <summary>One seed metaphor of a <c>metaphor-seeds</c> stimulus set (the normalised item the task reads).</summary>
/// <param name="Id">Stable id, recorded with the participant's sentences and the model's suggestions.</param>
/// <param name="Seed">The metaphor shown to the participant, e.g. "Love is a journey".</param>
/// <param name="Explanation">Optional gloss shown under it.</param>
public sealed record MetaphorSeed(string Id, string Seed, string? Explanation = null);

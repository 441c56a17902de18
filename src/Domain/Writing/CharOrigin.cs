namespace InteractionLab.Domain.Writing;

/// <summary>Where one character of a replayed document came from: who wrote it and the index (in the event
/// list) of the event that inserted it, so later analyses can follow an accepted suggestion through edits.</summary>
public readonly record struct CharOrigin(Author Author, int EventIndex);

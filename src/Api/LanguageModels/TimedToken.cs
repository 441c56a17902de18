namespace InteractionLab.Api.LanguageModels;

/// <summary>A piece of streamed text and when it arrived, by the server's clock.</summary>
/// <param name="Text">The text.</param>
/// <param name="ElapsedMs">Milliseconds since the request was sent.</param>
public readonly record struct TimedToken(string Text, double ElapsedMs);

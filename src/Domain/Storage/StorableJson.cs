namespace InteractionLab.Domain.Storage;

/// <summary>JSON text made storable by every database the platform runs on.</summary>
/// <param name="Json">The text to store: the input itself when nothing had to change.</param>
/// <param name="Issue">What was changed and why (for the record), or null when the input was stored as it came.</param>
public sealed record StorableJson(string Json, string? Issue)
{
    /// <summary>Whether anything had to change.</summary>
    public bool Changed => Issue is not null;
}

namespace InteractionLab.Domain;

/// <summary>Identifies one participant session. Typed so it cannot be confused with a participant id.</summary>
public readonly record struct SessionId(Guid Value)
{
    /// <summary>A new random id.</summary>
    public static SessionId New() => new(Guid.NewGuid());
    /// <inheritdoc />
    public override string ToString() => Value.ToString("N");
    /// <summary>Parses the 32-hex form written by <see cref="ToString"/> (or any Guid form).</summary>
    public static bool TryParse(string? text, out SessionId id)
    {
        var ok = Guid.TryParse(text, out var g);
        id = new SessionId(g);
        return ok;
    }
}

/// <summary>Pseudonymous participant id; external recruitment ids are stored apart from it.</summary>
public readonly record struct ParticipantId(Guid Value)
{
    /// <summary>A new random id.</summary>
    public static ParticipantId New() => new(Guid.NewGuid());
    /// <inheritdoc />
    public override string ToString() => Value.ToString("N");
}

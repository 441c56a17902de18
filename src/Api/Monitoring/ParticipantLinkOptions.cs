namespace InteractionLab.Api.Monitoring;

/// <summary>Settings under <c>Participants</c>: how the study links handed to recruitment platforms begin.</summary>
public sealed class ParticipantLinkOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Participants";

    /// <summary>
    /// The public address participants reach the platform at (e.g. <c>https://studies.example.org/</c>), used for the
    /// links on the study overview; when empty, the address the researcher's own request came in on.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}

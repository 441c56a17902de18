using System.Text.RegularExpressions;

namespace InteractionLab.Web.Participant;

/// <summary>
/// Shape checks for what arrives in a participant link, so a mangled link gets a clear page instead of an
/// error deep in the consent flow, and nothing unexpected is echoed back into the page.
/// </summary>
public static partial class ParticipantLink
{
    /// <summary>Letters, digits and dashes, 1–64 characters.</summary>
    public static bool IsValidSlug(string? slug) => slug is not null && SlugPattern().IsMatch(slug);

    /// <summary>Recruitment ids (Prolific uses 24 hex characters): letters, digits, '-' and '_', 1–64 characters.</summary>
    public static bool IsValidExternalId(string? id) => id is not null && ExternalIdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalIdPattern();
}

using System.Security.Claims;
using InteractionLab.Api.ApiKeys;

namespace InteractionLab.Api.Staff;

/// <summary>The API keys limited to one study, for researchers who manage it. Creating and revoking are audited.</summary>
public interface IStudyApiKeys
{
    /// <summary>The study's slug and its keys, newest first; a 404 problem when the user does not manage the study.</summary>
    Task<(string Slug, IReadOnlyList<StudyApiKeyView> Keys)> ListAsync(ClaimsPrincipal user, Guid studyId, CancellationToken ct = default);

    /// <summary>
    /// Creates a key named <paramref name="name"/> (what it is for; required) for the study; its secret is in the
    /// result once and never again.
    /// </summary>
    Task<CreatedApiKey> CreateAsync(ClaimsPrincipal user, Guid studyId, string name, IReadOnlyList<string> scopes, CancellationToken ct = default);

    /// <summary>Revokes one of the study's keys; further requests with it get 401.</summary>
    Task RevokeAsync(ClaimsPrincipal user, Guid studyId, Guid keyId, CancellationToken ct = default);
}

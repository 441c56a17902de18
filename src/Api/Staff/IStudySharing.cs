using System.Security.Claims;
using InteractionLab.Api.Data;

namespace InteractionLab.Api.Staff;

/// <summary>Sharing a study with other researchers. Only its owner or an admin changes shares; every change is audited.</summary>
public interface IStudySharing
{
    /// <summary>The study's shares; a 404 problem when <paramref name="user"/> cannot see the study.</summary>
    Task<StudySharingView> GetAsync(ClaimsPrincipal user, Guid studyId, CancellationToken ct = default);

    /// <summary>Shares the study with a researcher by user name, or changes the permission of an existing share.</summary>
    Task ShareAsync(ClaimsPrincipal user, Guid studyId, string userName, StudyPermission permission, CancellationToken ct = default);

    /// <summary>Removes a share.</summary>
    Task UnshareAsync(ClaimsPrincipal user, Guid studyId, Guid shareId, CancellationToken ct = default);
}

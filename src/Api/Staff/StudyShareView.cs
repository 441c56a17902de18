using InteractionLab.Api.Data;

namespace InteractionLab.Api.Staff;

/// <summary>One researcher a study is shared with.</summary>
/// <param name="Id">Share id (to remove it).</param>
/// <param name="UserName">The researcher.</param>
/// <param name="Permission">Manage or view.</param>
/// <param name="SharedBy">Who shared it.</param>
/// <param name="CreatedAt">When.</param>
public sealed record StudyShareView(Guid Id, string UserName, StudyPermission Permission, string SharedBy, DateTimeOffset CreatedAt);

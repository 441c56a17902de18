namespace InteractionLab.Api.Staff;

/// <summary>A staff account as the users page lists it.</summary>
/// <param name="Id">User id.</param>
/// <param name="UserName">Login name.</param>
/// <param name="Role">Its role (one of <see cref="StaffRoles.All"/>).</param>
/// <param name="LockedUntil">When a lockout ends, if the account is locked now.</param>
/// <param name="Disabled">Locked by an admin until unlocked (rather than for failed sign-ins).</param>
/// <param name="MustChangePassword">Still has a one-time password.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record StaffUserView(
    Guid Id, string UserName, string Role, DateTimeOffset? LockedUntil, bool Disabled, bool MustChangePassword, DateTimeOffset CreatedAt);

namespace InteractionLab.Api.Staff;

/// <summary>Audit action names for accounts, sharing and API keys.</summary>
public static class StaffAuditActions
{
    /// <summary>An account was created.</summary>
    public const string AccountCreate = "account.create";
    /// <summary>An account's role changed.</summary>
    public const string AccountRole = "account.role";
    /// <summary>An admin locked (disabled) an account.</summary>
    public const string AccountLock = "account.lock";
    /// <summary>An admin unlocked an account.</summary>
    public const string AccountUnlock = "account.unlock";
    /// <summary>An admin set a new one-time password.</summary>
    public const string AccountPasswordReset = "account.password-reset";
    /// <summary>A user chose their own password.</summary>
    public const string AccountPasswordChange = "account.password-change";
    /// <summary>An account was deleted.</summary>
    public const string AccountDelete = "account.delete";
    /// <summary>A study was shared with a researcher (or the permission changed).</summary>
    public const string StudyShare = "study.share";
    /// <summary>A study share was removed.</summary>
    public const string StudyUnshare = "study.unshare";
    /// <summary>An API key was created.</summary>
    public const string ApiKeyCreate = "api-key.create";
    /// <summary>An API key was revoked.</summary>
    public const string ApiKeyRevoke = "api-key.revoke";
}

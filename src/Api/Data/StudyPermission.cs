namespace InteractionLab.Api.Data;

/// <summary>What a share lets a researcher do with someone else's study.</summary>
public enum StudyPermission
{
    /// <summary>See the study, its monitor and its data, but change nothing.</summary>
    View,
    /// <summary>Everything the owner can do except changing who it is shared with.</summary>
    Manage,
}

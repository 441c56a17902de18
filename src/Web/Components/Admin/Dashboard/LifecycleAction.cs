namespace InteractionLab.Web.Components.Admin.Dashboard;

/// <summary>A study status change a researcher can ask for.</summary>
public enum LifecycleAction
{
    /// <summary>Draft → open.</summary>
    Launch,
    /// <summary>Open → paused.</summary>
    Pause,
    /// <summary>Paused → open.</summary>
    Resume,
    /// <summary>Open or paused → closed.</summary>
    Close,
}

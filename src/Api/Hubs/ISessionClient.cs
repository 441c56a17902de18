using InteractionLab.Api.Sessions;

namespace InteractionLab.Api.Hubs;

/// <summary>Messages the server pushes to a participant's open pages.</summary>
public interface ISessionClient
{
    /// <summary>A model reply was saved (also when the page that asked for it has gone away meanwhile).</summary>
    Task ReplySaved(TurnView turn);
}

namespace InteractionLab.Api.MoralGraph;

/// <summary>Where a Moral Graph Elicitation study stands: interview → stories → approval → voting.</summary>
public enum MoralGraphPhase
{
    /// <summary>Collecting values: fewer than two values for any question, so no story can connect two.</summary>
    Interviews,
    /// <summary>Values are in; no wiser-than story has been written yet.</summary>
    Stories,
    /// <summary>Stories are written; none is approved, so voting has nothing to show.</summary>
    Approval,
    /// <summary>Approved stories reach voting stages; votes build the graph.</summary>
    Voting,
}

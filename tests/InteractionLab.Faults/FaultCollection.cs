namespace InteractionLab.Faults;

/// <summary>The fault runs share one suite and run one after the other (each one loads the machine on its own).</summary>
[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultSuite>
{
    /// <summary>Collection name.</summary>
    public const string Name = "Faults";
}

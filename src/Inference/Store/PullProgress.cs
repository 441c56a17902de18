namespace InteractionLab.Inference.Store;

/// <summary>Progress of one file of a pull.</summary>
internal readonly record struct PullProgress(string File, long Received, long? Total, bool Resumed);

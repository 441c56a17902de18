namespace InteractionLab.Inference;

/// <summary>Entry point of the standalone inference service.</summary>
public static class Program
{
    /// <summary>Runs the service.</summary>
    public static int Main(string[] args) => 0;
}

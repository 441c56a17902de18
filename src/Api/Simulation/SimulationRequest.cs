using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Simulation;

/// <summary>What a researcher asks for: N simulated participants played by a persona model.</summary>
/// <param name="StudyId">Study to pilot (its latest version).</param>
/// <param name="Count">Number of simulated participants, 1 to 50.</param>
/// <param name="PersonaModel">Model that writes the participants' messages and answers.</param>
/// <param name="Personas">Persona descriptions, used in turn.</param>
public sealed record SimulationRequest(Guid StudyId, int Count, ModelRef PersonaModel, IReadOnlyList<string> Personas)
{
    /// <summary>Most participants per run.</summary>
    public const int MaxCount = 50;

    /// <summary>Personas offered by default.</summary>
    public static readonly IReadOnlyList<string> DefaultPersonas =
    [
        "a curious student who asks many questions",
        "a terse professional who writes short, matter-of-fact messages",
        "a sceptic who doubts what the chatbot says",
    ];
}

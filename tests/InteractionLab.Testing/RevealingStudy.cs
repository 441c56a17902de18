using InteractionLab.Domain.Studies;

namespace InteractionLab.Testing;

/// <summary>
/// A study whose condition keys, labels, endpoint and model names would each give the condition away, for the
/// blinding tests: none of <see cref="Words"/> may reach an annotator.
/// </summary>
public static class RevealingStudy
{
    /// <summary>Words that would give the condition away: model, endpoint, condition keys and labels.</summary>
    public static readonly string[] Words = ["acme-secret-model-7b", "acme-endpoint", "warm-persona", "cool-persona", "Sunny Assistant", "Frosty Assistant"];

    /// <summary>The model recorded on the sessions' model turns (endpoint/model).</summary>
    public const string Model = "acme-endpoint/acme/acme-secret-model-7b";

    /// <summary>The demo config with its two conditions renamed so that each name would reveal the condition.</summary>
    public static StudyConfig Apply(StudyConfig c) => c with
    {
        Conditions =
        [
            c.Conditions[0] with { Key = "warm-persona", ParticipantLabel = "Sunny Assistant", Model = new ModelRef("acme-endpoint", "acme/acme-secret-model-7b") },
            c.Conditions[1] with { Key = "cool-persona", ParticipantLabel = "Frosty Assistant", Model = new ModelRef("acme-endpoint", "acme/acme-secret-model-7b") },
        ],
    };
}

namespace InteractionLab.Api.Data;

/// <summary>What a <see cref="JobRecord"/> does.</summary>
public enum JobKind
{
    /// <summary>Writing draft wiser-than stories with a model.</summary>
    HypothesisGeneration,
    /// <summary>Walking simulated participants through a study.</summary>
    Simulation,
    /// <summary>A language model rating an annotation project's items (an LM judge).</summary>
    AnnotationJudge,
}

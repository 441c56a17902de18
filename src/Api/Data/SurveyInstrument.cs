namespace InteractionLab.Api.Data;

/// <summary>
/// A reusable questionnaire (e.g. a dialogue-experience scale, an attention check). Inserting it into a study
/// copies its items; the survey keeps <c>InstrumentKey</c> for provenance, so later edits here never change a study.
/// </summary>
public sealed class SurveyInstrument
{
    /// <summary>Primary key.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>Stable key (lowercase, dashes); unique.</summary>
    public required string Key { get; set; }
    /// <summary>Name shown in the builder.</summary>
    public required string Name { get; set; }
    /// <summary>What it measures and where it comes from.</summary>
    public string Description { get; set; } = "";
    /// <summary>The items as a <c>SurveyConfig</c> in study-config JSON.</summary>
    public required string SurveyJson { get; set; }
    /// <summary>Account that created it ("system" for the built-in ones).</summary>
    public required string Owner { get; set; }
    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

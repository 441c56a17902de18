namespace InteractionLab.Api.Studies;

/// <summary>Which task types a study uses, so its admin pages show only the tabs that apply (an interface so the
/// navigation can be tested without a database).</summary>
public interface IStudyTaskTypes
{
    /// <summary>The task types of every stage of every version of the study (empty for an unknown study).</summary>
    Task<IReadOnlySet<string>> OfStudyAsync(Guid studyId, CancellationToken ct = default);
}

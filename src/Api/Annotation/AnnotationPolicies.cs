namespace InteractionLab.Api.Annotation;

/// <summary>Authorization policies of the annotation feature (the annotator policy is the staff one).</summary>
public static class AnnotationPolicies
{
    /// <summary>Reviewers and admins (every project) and researchers (their studies' projects).</summary>
    public const string Reviewer = "annotation-reviewer";
}

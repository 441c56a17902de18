namespace InteractionLab.Api.Staff;

/// <summary>The staff roles. A role is an Identity role name and a claim on the staff cookie.</summary>
public static class StaffRoles
{
    /// <summary>Runs the installation: accounts, all studies, the model registry.</summary>
    public const string Admin = "admin";
    /// <summary>Builds, launches and watches their own studies and those shared with them.</summary>
    public const string Researcher = "researcher";
    /// <summary>Rates transcripts assigned to them; sees no study configuration.</summary>
    public const string Annotator = "annotator";
    /// <summary>Reviews annotations (and annotates).</summary>
    public const string Reviewer = "reviewer";

    /// <summary>All roles, in order of reach.</summary>
    public static readonly IReadOnlyList<string> All = [Admin, Researcher, Reviewer, Annotator];
}

/// <summary>Authorization policy names for staff pages and endpoints.</summary>
public static class StaffPolicies
{
    /// <summary>Admins only (accounts, model registry, audit log).</summary>
    public const string Admin = "staff-admin";
    /// <summary>Researchers and admins (studies; which studies is decided by <see cref="IStudyAccess"/>).</summary>
    public const string Researcher = "staff-researcher";
    /// <summary>Annotators, reviewers and admins.</summary>
    public const string Annotator = "staff-annotator";
}

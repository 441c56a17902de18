namespace InteractionLab.Api.Staff;

/// <summary>Who a study is shared with, as its sharing page shows it.</summary>
/// <param name="Slug">The study's slug.</param>
/// <param name="Owner">Its owner's user name.</param>
/// <param name="MayChange">Whether the viewer may add or remove shares (owner or admin).</param>
/// <param name="Shares">Current shares by user name.</param>
public sealed record StudySharingView(string Slug, string Owner, bool MayChange, IReadOnlyList<StudyShareView> Shares);

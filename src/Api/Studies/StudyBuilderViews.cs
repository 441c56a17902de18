using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Studies;

/// <summary>A row of the studies list.</summary>
/// <param name="Id">Study id.</param>
/// <param name="Slug">Link slug.</param>
/// <param name="Title">Title of the newest version.</param>
/// <param name="Status">Draft, open, paused or closed.</param>
/// <param name="LatestVersion">Number of the newest version.</param>
/// <param name="Sessions">Sessions over all versions.</param>
/// <param name="Owner">Account that owns it.</param>
public sealed record StudySummary(Guid Id, string Slug, string Title, StudyStatus Status, int LatestVersion, int Sessions, string Owner);

/// <summary>A study's newest configuration, ready to edit.</summary>
/// <param name="Id">Study id.</param>
/// <param name="Slug">Link slug.</param>
/// <param name="Status">Draft, open, paused or closed.</param>
/// <param name="Version">Number of the newest version (the one being edited).</param>
/// <param name="Config">Its configuration.</param>
/// <param name="SavingCreatesVersion">
/// True when the newest version is in use (the study was launched or sessions point at it): saving then freezes
/// a new version instead of replacing it.
/// </param>
public sealed record EditableStudy(Guid Id, string Slug, StudyStatus Status, int Version, StudyConfig Config, bool SavingCreatesVersion);

/// <summary>What a save did.</summary>
/// <param name="Version">Number of the version that now holds the config.</param>
/// <param name="NewVersion">True when a new version was frozen (the previous one is in use).</param>
/// <param name="Unchanged">True when the config was identical to the newest version: nothing was written.</param>
/// <param name="ConfigHash">Hash of the saved config.</param>
public sealed record SaveOutcome(int Version, bool NewVersion, bool Unchanged, string ConfigHash);

/// <summary>One frozen version in the versions list.</summary>
/// <param name="Number">1, 2, …</param>
/// <param name="ConfigHash">Hash stamped on its sessions.</param>
/// <param name="CreatedAt">When it was frozen (or last replaced while a draft).</param>
/// <param name="Sessions">Sessions running this version.</param>
public sealed record VersionSummary(int Number, string ConfigHash, DateTimeOffset CreatedAt, int Sessions);

/// <summary>Differences from one version to another.</summary>
/// <param name="From">Older (or first chosen) version number.</param>
/// <param name="To">Newer (or second chosen) version number.</param>
/// <param name="Entries">Path-level differences.</param>
public sealed record VersionDiff(int From, int To, IReadOnlyList<ConfigDiffEntry> Entries);

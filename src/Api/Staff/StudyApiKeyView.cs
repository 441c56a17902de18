namespace InteractionLab.Api.Staff;

/// <summary>An API key of one study as its keys page lists it (never the key itself).</summary>
/// <param name="Id">Key id (to revoke it).</param>
/// <param name="Prefix">Its first characters, to recognise it.</param>
/// <param name="Scopes">What it may do.</param>
/// <param name="Owner">Who created it.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
/// <param name="Name">What it is for, in its creator's words ("" for keys made before keys had names).</param>
public sealed record StudyApiKeyView(Guid Id, string Prefix, IReadOnlyList<string> Scopes, string Owner, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt,
    string Name = "");

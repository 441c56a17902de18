namespace InteractionLab.Api.ApiKeys;

/// <summary>A newly created key. <see cref="Key"/> is shown once and never stored.</summary>
/// <param name="Id">Key record id (to revoke it).</param>
/// <param name="Key">The secret key, <c>il_…</c>.</param>
/// <param name="Prefix">Its recognisable prefix.</param>
public sealed record CreatedApiKey(Guid Id, string Key, string Prefix);

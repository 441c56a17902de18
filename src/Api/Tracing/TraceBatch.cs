namespace InteractionLab.Api.Tracing;

/// <summary>A batch of browser events (at most 500) from one page's logger; stored idempotently, event by event.</summary>
/// <param name="Events">The events, numbered by the page from 1.</param>
/// <param name="Instance">
/// The page that recorded them: a random id (a GUID) its logger drew when the page loaded. Two tabs, a reload or a second
/// device each have their own, so their numbers never collide; (session, instance, sequence) identifies an event.
/// </param>
public sealed record TraceBatch(IReadOnlyList<TraceEventInput> Events, string? Instance = null);

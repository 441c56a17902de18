using Microsoft.Extensions.AI;

namespace InteractionLab.Api.LanguageModels;

/// <summary>
/// Put first in a streamed response by <see cref="QueueingChatClient"/> when the request has to wait (all of the
/// endpoint's slots are taken, or the model answered that it is busy), so that the person waiting can be told. It
/// carries no text and never reaches the model or a stored transcript.
/// </summary>
public sealed class ModelQueuedContent : AIContent;

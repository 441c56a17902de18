namespace InteractionLab.Domain.Monitoring;

/// <summary>Which timeline group an event belongs to, and which groups a timeline shows before the reader chooses.</summary>
public static class ReplayEventGroups
{
    /// <summary>Every group but <see cref="ReplayEventGroup.Tokens"/>: a reply's tokens outnumber everything else, and
    /// the reply's text is shown on the screen side anyway.</summary>
    public static IReadOnlySet<ReplayEventGroup> ShownByDefault { get; } =
        Enum.GetValues<ReplayEventGroup>().Where(g => g != ReplayEventGroup.Tokens).ToHashSet();

    /// <summary>The group of <paramref name="e"/>.</summary>
    public static ReplayEventGroup Of(ReplayEvent e) => e.Kind switch
    {
        ReplayEventKind.SessionStarted or ReplayEventKind.SessionCompleted or ReplayEventKind.StageEntered => ReplayEventGroup.Session,
        ReplayEventKind.ParticipantMessage or ReplayEventKind.ReplyRequested or ReplayEventKind.ReplyFinished => ReplayEventGroup.Messages,
        ReplayEventKind.ReplyToken => ReplayEventGroup.Tokens,
        ReplayEventKind.SurveyAnswer => ReplayEventGroup.Survey,
        ReplayEventKind.PageHidden or ReplayEventKind.PageShown => ReplayEventGroup.Page,
        ReplayEventKind.ServerEvent when e.Type.StartsWith("model.", StringComparison.Ordinal) => ReplayEventGroup.Messages,
        ReplayEventKind.ServerEvent => ReplayEventGroup.Task,
        _ => ReplayEventGroup.Browser,
    };
}

using InteractionLab.Api.Data;
using InteractionLab.Api.MoralGraph.Interview;
using InteractionLab.Api.MoralGraph.Voting;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.MoralGraph;

/// <summary>
/// Makes the Moral Graph Elicitation phases explicit for the researcher, who runs them by hand: interviews collect
/// values, stories are written from them, a person approves stories, and only approved stories reach voting stages.
/// The phase is read from what is stored (values, stories by status, votes); the study overview shows it with the
/// next step, and the builder shows the warnings (a voting stage whose participants would have nothing to judge).
/// </summary>
public sealed class MoralGraphPhases(PlatformDbContext db)
{
    /// <summary>The study's progress under its latest version, or null when that has no interview or voting stage.</summary>
    public async Task<MoralGraphProgress?> GetAsync(Guid studyId, CancellationToken ct = default)
    {
        var json = await db.StudyVersions.AsNoTracking().Where(v => v.StudyId == studyId).OrderByDescending(v => v.Number)
            .Select(v => v.ConfigJson).FirstOrDefaultAsync(ct);
        if (json is null) return null;
        var config = ConfigHash.Parse(json);
        var interviews = config.Stages.Where(s => s.Task?.Type == MoralInterviewTask.TaskKey).ToList();
        var voting = config.Stages.Where(s => s.Task?.Type == MoralVotingTask.TaskKey).ToList();
        if (interviews.Count == 0 && voting.Count == 0) return null;

        var values = await db.ValuesCards.AsNoTracking().Where(c => c.StudyId == studyId)
            .GroupBy(c => c.QuestionId).Select(g => g.Select(c => c.ValueId).Distinct().Count()).ToListAsync(ct);
        var stories = await db.WiserHypotheses.AsNoTracking().Where(h => h.StudyId == studyId && h.Status != HypothesisStatus.Rejected)
            .GroupBy(h => new { h.Status, h.QuestionId }).Select(g => new { g.Key.Status, g.Key.QuestionId, Count = g.Count() }).ToListAsync(ct);
        var votes = await db.WiserVotes.AsNoTracking().CountAsync(v => v.StudyId == studyId, ct);
        var most = values.DefaultIfEmpty(0).Max();
        var drafts = stories.Where(s => s.Status == HypothesisStatus.Draft).Sum(s => s.Count);
        var approved = stories.Where(s => s.Status == HypothesisStatus.Approved).Sum(s => s.Count);

        var (phase, next) = (most, drafts + approved, approved) switch
        {
            ( < 2, _, _) => (MoralGraphPhase.Interviews, interviews.Count > 0
                ? $"Collect values: stories connect two values of one question, and the question with the most has {most}. Run the interview stage, then review the values on the Values page."
                : $"Import values (Moral graph page or the REST import): stories connect two values of one question, and the question with the most has {most}."),
            (_, 0, _) => (MoralGraphPhase.Stories, "Write wiser-than stories from the values on the Stories page."),
            (_, _, 0) => (MoralGraphPhase.Approval, $"Approve stories on the Stories page: {drafts} {(drafts == 1 ? "is" : "are")} waiting, and only approved stories reach voting."),
            _ => (MoralGraphPhase.Voting, voting.Count > 0
                ? $"Voting is open on {approved} approved {(approved == 1 ? "story" : "stories")}; {votes} {(votes == 1 ? "vote" : "votes")} so far. Follow the graph on the Moral graph page."
                : "Add a wiser-than voting stage (or a new study with one) so participants can judge the approved stories."),
        };

        var warnings = new List<string>();
        foreach (var stage in voting)
        {
            var question = stage.Task!.Setting(MoralVotingTask.QuestionSetting, "") is { Length: > 0 } q ? q : null;
            var forStage = stories.Where(s => s.Status == HypothesisStatus.Approved && (question is null || s.QuestionId == question)).Sum(s => s.Count);
            if (forStage == 0)
                warnings.Add($"The voting stage '{stage.Key}' has no approved stories{(question is null ? "" : $" for question '{question}'")} yet: participants who reach it now have nothing to judge and are not asked where their value stands. Approve stories on the Stories page before sending participants there.");
        }
        return new MoralGraphProgress(phase, most, drafts, approved, votes, next, warnings);
    }
}

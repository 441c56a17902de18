using System.Net;
using System.Net.Http.Headers;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Tests.Monitoring;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Not "…Tests.Results": that namespace would hide ASP.NET Core's Results class from sibling test namespaces.
namespace InteractionLab.Api.Tests.ConditionResults;

/// <summary>
/// The results on hand-built sessions whose means and standard errors are worked out here by hand: the demo study
/// plus a reverse-coded Likert item, a yes/no and a multiple-choice item in its "rating" stage.
/// </summary>
public sealed class StudyResultsTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    private static StudyConfig WithMoreItems(StudyConfig config) => config with
    {
        Stages = config.Stages.Select(s => s.Key != "rating" ? s : s with
        {
            Survey = s.Survey! with
            {
                Items =
                [
                    .. s.Survey!.Items,
                    new SurveyItem("dull", SurveyItemKind.Likert, "How dull was the chatbot?", 1, 5, ReverseCoded: true),
                    new SurveyItem("again", SurveyItemKind.YesNo, "Would you recommend it?"),
                    new SurveyItem("device", SurveyItemKind.MultipleChoice, "Which device did you use?", Options: ["laptop", "phone"]),
                ],
            },
        }).ToList(),
    };

    /// <summary>
    /// warm: A and B completed (counted), C simulated, D in progress, E screened out; cool: F completed (n = 1).
    /// </summary>
    private async Task<Guid> BuildAsync()
    {
        var (_, id) = await platform.CreateStudyAsync("rita", StudyStatus.Open, WithMoreItems);
        var now = DateTimeOffset.UtcNow;
        await using var scope = platform.Scope(out var db);
        var version = await db.StudyVersions.Where(v => v.StudyId == id).Select(v => v.Id).SingleAsync();
        Session Add(string condition, SessionStatus status, double minutes, bool simulated = false, int stage = 5)
        {
            var participant = new Participant { CreatedAt = now };
            db.Participants.Add(participant);
            var started = now.AddHours(-1);
            var session = new Session
            {
                StudyId = id, StudyVersionId = version, ParticipantId = participant.Id, ConfigHash = "h", ConditionKey = condition,
                Status = status, StageIndex = stage, StartedAt = started, LastSeenAt = started.AddMinutes(minutes), IsSimulated = simulated,
                CompletedAt = status == SessionStatus.Completed ? started.AddMinutes(minutes) : null,
            };
            db.Sessions.Add(session);
            return session;
        }
        void Answer(Session s, string item, string value, string stage = "rating", int? turn = null) => db.SurveyResponses.Add(
            new SurveyResponse { SessionId = s.Id, StageKey = stage, ItemKey = item, Value = value, TurnIndex = turn, SubmittedAt = now });
        void Say(Session s, int index, string text) => db.Turns.Add(new Turn { SessionId = s.Id, Index = index, Role = TurnRole.Participant, Text = text, CreatedAt = now });
        void Reply(Session s, int index, double first, double total, bool stopped = false) => db.Turns.Add(new Turn
        {
            SessionId = s.Id, Index = index, Role = TurnRole.Model, Text = "reply", CreatedAt = now,
            FirstTokenMs = first, TotalMs = total, StoppedByParticipant = stopped, FinishReason = stopped ? "stopped" : "stop",
        });

        var a = Add("warm", SessionStatus.Completed, 10);
        Answer(a, "fluency", "4"); Answer(a, "talk-again", "2"); Answer(a, "dull", "2"); Answer(a, "again", "yes");
        Answer(a, "device", "laptop"); Answer(a, "comments", "nice");
        Say(a, 0, "hello"); Reply(a, 1, 100, 500); Say(a, 2, "how are you"); Reply(a, 3, 300, 700, stopped: true);
        Answer(a, "interesting", "true", "marks", 1); Answer(a, "interesting", "false", "marks", 3); Answer(a, "no-sense", "true", "marks", 3);

        // B leaves "talk-again" unanswered (a missing value) and ticks no turn mark at all (share 0).
        var b = Add("warm", SessionStatus.Completed, 20);
        Answer(b, "fluency", "2"); Answer(b, "dull", "4"); Answer(b, "again", "no"); Answer(b, "device", "phone"); Answer(b, "comments", "");
        Say(b, 0, "hey"); Reply(b, 1, 200, 700);
        db.SurveyResponses.Add(new SurveyResponse { SessionId = b.Id, StageKey = "rating", ItemKey = "specific", Value = "", TimedOut = true, SubmittedAt = now });

        Answer(Add("warm", SessionStatus.Completed, 5, simulated: true), "fluency", "5");
        Answer(Add("warm", SessionStatus.InProgress, 5, stage: 4), "fluency", "1");
        Answer(Add("warm", SessionStatus.ScreenedOut, 1), "fluency", "1");

        var f = Add("cool", SessionStatus.Completed, 30);
        Answer(f, "fluency", "3"); Answer(f, "talk-again", "5"); Answer(f, "dull", "5");
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<StudyResults> ResultsAsync(Guid id, ResultsOptions? options = null, string user = "rita")
    {
        await using var scope = platform.Scope(out _);
        return await scope.ServiceProvider.GetRequiredService<StudyResultsQuery>().GetAsync(StaffPlatform.User(user), id, options ?? new());
    }

    private static ResultCell Cell(StudyResults r, string metric, string condition) =>
        r.Rows.Single(row => row.Metric.Key == metric).Cells.Single(c => c.Condition == condition);

    private static void AssertCell(ResultCell cell, int n, double mean, double se)
    {
        Assert.Equal(n, cell.N);
        Assert.Equal(mean, cell.Mean, 6);
        if (double.IsNaN(se)) Assert.True(double.IsNaN(cell.StandardError), $"SE {cell.StandardError} should be undefined");
        else Assert.Equal(se, cell.StandardError, 6);
    }

    [Fact]
    public async Task SurveyItemsAreSummarisedPerConditionWithReverseCodingAndMissingAnswers()
    {
        var id = await BuildAsync();

        var r = await ResultsAsync(id);

        Assert.Equal(["warm", "cool"], r.Conditions);
        Assert.Equal([2, 1], r.SessionsPerCondition); // simulated, in-progress and screened-out sessions left out
        // fluency 4 and 2: mean 3, SD √2, SE √2/√2 = 1.
        AssertCell(Cell(r, "survey:rating/fluency", "warm"), 2, 3, 1);
        // Reverse coded: raw 2 and 4 score 4 and 2 (1 + 5 − raw); cool's raw 5 scores 1.
        AssertCell(Cell(r, "survey:rating/dull", "warm"), 2, 3, 1);
        AssertCell(Cell(r, "survey:rating/dull", "cool"), 1, 1, double.NaN);
        // B did not answer: one value, so no standard error.
        AssertCell(Cell(r, "survey:rating/talk-again", "warm"), 1, 2, double.NaN);
        // The timed-out answer is missing, not a zero.
        AssertCell(Cell(r, "survey:rating/specific", "warm"), 0, double.NaN, double.NaN);
        // yes, no: share 0.5, SD √0.5, SE 0.5.
        AssertCell(Cell(r, "survey:rating/again", "warm"), 2, 0.5, 0.5);
        Assert.Equal(1, Cell(r, "survey:rating/device=laptop", "warm").Count);
        Assert.Equal(1, Cell(r, "survey:rating/device=phone", "warm").Count);
        Assert.Equal(1, Cell(r, "survey:rating/comments", "warm").Count); // the empty comment is not an answer
        // Marked replies: A 1 of 2, B 0 of 1 → 0.25 ± 0.25.
        AssertCell(Cell(r, "survey:marks/interesting", "warm"), 2, 0.25, 0.25);
        AssertCell(Cell(r, "survey:marks/no-sense", "warm"), 2, 0.25, 0.25);
        Assert.Equal("3.00 ± 1.00 (2)", ResultsFormat.Cell(Cell(r, "survey:rating/fluency", "warm"), ResultKind.Mean));
        Assert.Equal("1.00 ± — (1)", ResultsFormat.Cell(Cell(r, "survey:rating/dull", "cool"), ResultKind.Mean));
        Assert.Equal("1 of 2", ResultsFormat.Cell(Cell(r, "survey:rating/device=laptop", "warm"), ResultKind.Count));
    }

    [Fact]
    public async Task DialogueMetricsComeFromTheTurns()
    {
        var id = await BuildAsync();

        var r = await ResultsAsync(id);

        AssertCell(Cell(r, SocialDialogueMetrics.ParticipantTurns, "warm"), 2, 1.5, 0.5); // 2 and 1
        AssertCell(Cell(r, SocialDialogueMetrics.MessageLength, "warm"), 2, 5.5, 2.5); // (5 + 11) / 2 = 8 and 3
        AssertCell(Cell(r, SocialDialogueMetrics.FirstTokenMs, "warm"), 2, 200, 0); // 200 and 200
        AssertCell(Cell(r, SocialDialogueMetrics.TotalMs, "warm"), 2, 650, 50); // 600 and 700
        AssertCell(Cell(r, SocialDialogueMetrics.StoppedRate, "warm"), 2, 0.25, 0.25); // 1 of 2 and 0 of 1
        AssertCell(Cell(r, SocialDialogueMetrics.DurationMinutes, "warm"), 2, 15, 5); // 10 and 20 minutes
        AssertCell(Cell(r, SocialDialogueMetrics.ParticipantTurns, "cool"), 1, 0, double.NaN);
        AssertCell(Cell(r, SocialDialogueMetrics.MessageLength, "cool"), 0, double.NaN, double.NaN); // nothing said
    }

    [Fact]
    public async Task TogglesBringInIncompleteAndSimulatedSessionsButNeverScreenedOutOnes()
    {
        var id = await BuildAsync();

        var incomplete = await ResultsAsync(id, new ResultsOptions(IncludeIncomplete: true));
        var simulated = await ResultsAsync(id, new ResultsOptions(IncludeSimulated: true));
        var both = await ResultsAsync(id, new ResultsOptions(true, true));

        Assert.Equal(7 / 3.0, Cell(incomplete, "survey:rating/fluency", "warm").Mean, 6); // 4, 2, 1
        Assert.Equal(11 / 3.0, Cell(simulated, "survey:rating/fluency", "warm").Mean, 6); // 4, 2, 5
        Assert.Equal(4, Cell(both, "survey:rating/fluency", "warm").N); // the screened-out 1 never counts
        Assert.Equal([4, 1], both.SessionsPerCondition);
    }

    [Fact]
    public async Task AnotherResearcherGets404OnPageAndCsvAndAnAnnotatorIsRefusedTheCsv()
    {
        var id = await BuildAsync();

        var refused = await Assert.ThrowsAsync<PlatformProblemException>(() => ResultsAsync(id, user: "otto"));
        var otto = await (await platform.ClientAsync("otto")).GetAsync($"/api/v1/studies/{id}/results.csv");
        var anna = await (await platform.ClientAsync("anna", StaffRoles.Annotator)).GetAsync($"/api/v1/studies/{id}/results.csv");
        var nobody = await platform.Factory.CreateClient().GetAsync($"/api/v1/studies/{id}/results.csv");
        var ottoPage = await platform.ClientAsync("otto");
        ottoPage.DefaultRequestHeaders.Accept.Clear();
        var page = await ottoPage.GetAsync($"/admin/studies/{id}/results");

        Assert.Equal(404, refused.Status);
        Assert.Equal(HttpStatusCode.NotFound, otto.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, anna.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
        Assert.DoesNotContain("fluency", await otto.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("How fluent", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheCsvHoldsOneLinePerMetricAndConditionForTheOwnerAndAnExportKey()
    {
        var id = await BuildAsync();
        var (_, other) = await platform.CreateStudyAsync("rita", StudyStatus.Open);
        string key, foreignKey;
        await using (var scope = platform.Scope(out _))
        {
            var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
            key = (await keys.CreateAsync("analyst", id, [ApiKeyScopes.Export])).Key;
            foreignKey = (await keys.CreateAsync("analyst", other, [ApiKeyScopes.Export])).Key;
        }
        var byKey = platform.Factory.CreateClient();
        byKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var byForeignKey = platform.Factory.CreateClient();
        byForeignKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", foreignKey);

        var response = await byKey.GetAsync($"/api/v1/studies/{id}/results.csv");
        var csv = await response.Content.ReadAsStringAsync();
        var owner = await (await platform.ClientAsync("rita")).GetStringAsync($"/api/v1/studies/{id}/results.csv?includeSimulated=true");
        var foreign = await byForeignKey.GetAsync($"/api/v1/studies/{id}/results.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(StudyResultsApi.Header, lines[0]);
        Assert.Contains("Ratings (1–5): About the whole conversation,survey:rating/fluency,How fluent were the chatbot's replies?,mean,warm,2,3,1", lines);
        Assert.Contains("Ratings (1–5): About the whole conversation,survey:rating/dull,How dull was the chatbot? (reverse-coded),mean,cool,1,1,", lines);
        Assert.Contains(lines, l => l.StartsWith("Conversation,dialogue:message-length,", StringComparison.Ordinal) && l.EndsWith(",cool,0,,", StringComparison.Ordinal));
        Assert.Equal(2 * (await ResultsAsync(id)).Rows.Count, lines.Length - 1); // every metric has a line per condition
        Assert.Contains(",mean,warm,3,", owner); // 4, 2 and the simulated 5 → 11/3
        Assert.Contains("survey:rating/fluency,How fluent were the chatbot's replies?,mean,warm,3,3.6666666666666665,", owner);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
    }

    [Fact]
    public async Task ThePageShowsTheTableTheChartsAndTheCsvLink()
    {
        var id = await BuildAsync();
        var client = await platform.ClientAsync("rita");
        client.DefaultRequestHeaders.Accept.Clear();

        var response = await client.GetAsync($"/admin/studies/{id}/results?simulated=true");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("3.67 ± 0.88 (3)", html); // fluency 4, 2, 5 with the simulated session: SD √(7/3), SE 0.882
        Assert.Contains("1.00 ± — (1)", html);
        Assert.Contains($"/api/v1/studies/{id}/results.csv?includeIncomplete=false&includeSimulated=true", html);
        Assert.Contains("Ratings (1–5): About the whole conversation", html);
        Assert.Contains($"<a href=\"/admin/studies/{id}/results\" aria-current=\"page\"", html);
    }
}

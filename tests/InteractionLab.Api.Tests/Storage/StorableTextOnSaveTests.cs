using InteractionLab.Api.Data;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Storage;

/// <summary>
/// What the platform saves through EF Core is made storable in one place, so SQLite and PostgreSQL keep the same
/// text: a NUL or half an emoji (which PostgreSQL refuses and SQLite would keep) becomes U+FFFD on both.
/// </summary>
public abstract class StorableTextOnSaveTests(ITestPlatform platform)
{
    [Fact]
    public async Task TextPostgreSqlWouldRefuseIsStoredAsTheSameCleanTextOnEitherDatabase()
    {
        var (slug, _) = await platform.CreateAsync();
        var participant = await platform.Factory.ConsentAsync(slug);
        var log = platform.Factory.Services.GetRequiredService<TaskEventLog>();

        // A draft with a NUL in a JSON column; an answer with a NUL and the second half of 😀 (U+DE00) alone in a text column.
        var appended = await log.AppendAsync(participant.SessionId, "write", "metaphor.draft", new { text = "a\0b!" });
        await using (var scope = platform.Scope(out var db))
        {
            db.SurveyResponses.Add(new SurveyResponse
            {
                SessionId = participant.SessionId, StageKey = "rating", ItemKey = "comments", Value = "x\0y\uDE00", SubmittedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        Assert.Equal("a\uFFFDb!", appended.Payload.GetProperty("text").GetString());
        var stored = await log.ReadAsync(participant.SessionId, "write");
        Assert.Equal("a\uFFFDb!", Assert.Single(stored).Payload.GetProperty("text").GetString());
        await using var check = platform.Scope(out var read);
        Assert.Equal("x\uFFFDy\uFFFD", await read.SurveyResponses.Where(r => r.SessionId == participant.SessionId).Select(r => r.Value).SingleAsync());
    }
}

/// <summary>On PostgreSQL, where the raw text would be refused.</summary>
public sealed class StorableTextOnPostgresTests(PlatformFixture platform) : StorableTextOnSaveTests(platform), IClassFixture<PlatformFixture>;

/// <summary>On SQLite, where the raw text would be kept as it is.</summary>
public sealed class StorableTextOnSqliteTests(SqlitePlatformFixture platform) : StorableTextOnSaveTests(platform), IClassFixture<SqlitePlatformFixture>;

using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace InteractionLab.Web.Tests.Tasks;

/// <summary>
/// The context factory for component tests whose services take one but never read the database here: a
/// <see cref="Api.LanguageModels.ChatClientRegistry"/> whose models are all in-process, task services on preview
/// sessions. An in-memory SQLite database that is never opened.
/// </summary>
internal static class NoDatabase
{
    public static IDbContextFactory<PlatformDbContext> Contexts { get; } = new PooledDbContextFactory<PlatformDbContext>(
        new DbContextOptionsBuilder<PlatformDbContext>().UseSqlite("Data Source=:memory:").Options);
}

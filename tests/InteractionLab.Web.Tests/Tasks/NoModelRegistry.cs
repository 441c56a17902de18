using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace InteractionLab.Web.Tests.Tasks;

/// <summary>
/// The database a <see cref="Api.LanguageModels.ChatClientRegistry"/> reads registered endpoints from, for component
/// tests whose models are all in-process: an empty in-memory SQLite database the registry never needs to open.
/// </summary>
internal static class NoModelRegistry
{
    public static IDbContextFactory<PlatformDbContext> Contexts { get; } = new PooledDbContextFactory<PlatformDbContext>(
        new DbContextOptionsBuilder<PlatformDbContext>().UseSqlite("Data Source=:memory:").Options);
}

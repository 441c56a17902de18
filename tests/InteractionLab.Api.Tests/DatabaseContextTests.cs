using InteractionLab.Api.Data;
using InteractionLab.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests;

/// <summary>
/// One context per operation: work outside a request (singletons, circuits, jobs) takes a context from the pooled
/// factory, and request-scoped code gets one from the same pool, so no operation sees what another left tracked.
/// </summary>
public sealed class DatabaseContextTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task WorkOutsideARequestTakesAPooledContextThatStartsWithNothingTracked()
    {
        var contexts = platform.Factory.Services.GetRequiredService<IDbContextFactory<PlatformDbContext>>();
        Assert.IsType<PooledDbContextFactory<PlatformDbContext>>(contexts);
        var slug = $"unsaved-{Guid.NewGuid():N}"[..20];

        // An operation that tracks a change and ends without saving it (a refused save, a problem thrown midway).
        await using (var abandoned = await contexts.CreateDbContextAsync())
            abandoned.Studies.Add(new Study { Slug = slug, Owner = "nobody" });

        // Every later operation starts clean, and nothing of the abandoned one reached the database.
        for (var i = 0; i < 3; i++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            Assert.Empty(db.ChangeTracker.Entries());
            Assert.Equal(0, await db.SaveChangesAsync());
        }
        await using var check = await contexts.CreateDbContextAsync();
        Assert.False(await check.Studies.AnyAsync(s => s.Slug == slug));
    }

    [Fact]
    public async Task ARequestScopedContextIsLeasedFromThePoolAndReturnedClean()
    {
        var slug = $"scoped-{Guid.NewGuid():N}"[..20];
        await using (var scope = platform.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            Assert.Same(db, scope.ServiceProvider.GetRequiredService<PlatformDbContext>()); // one per scope
            db.Studies.Add(new Study { Slug = slug, Owner = "nobody" });
        }

        var contexts = platform.Factory.Services.GetRequiredService<IDbContextFactory<PlatformDbContext>>();
        await using var next = await contexts.CreateDbContextAsync();
        Assert.Empty(next.ChangeTracker.Entries());
        Assert.False(await next.Studies.AnyAsync(s => s.Slug == slug));
    }
}

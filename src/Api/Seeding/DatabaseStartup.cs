using InteractionLab.Api.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Seeding;

/// <summary>Applies migrations and seeds first-start data before the app serves requests.</summary>
public static class DatabaseStartup
{
    /// <summary>Migrates the database and, unless disabled, seeds the demo study and admin account.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken ct = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        if (db.Database.IsSqlite())
            // WAL lets exports read while participants write.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await db.Database.MigrateAsync(ct);
        if (!scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.SeedDemo) return;

        var password = await PlatformSeeder.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct);
        if (password is not null)
        {
            // Shown once, on the console only (not the log sink); only its PBKDF2 hash is stored.
            Console.WriteLine($"Created admin account '{PlatformSeeder.AdminUserName}' with password: {password}");
            Console.WriteLine("Store it now; it is not shown again.");
            app.Logger.LogInformation("Seeded the admin account (password printed to the console once).");
        }
    }
}

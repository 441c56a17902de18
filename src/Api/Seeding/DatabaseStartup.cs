using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Seeding;

/// <summary>Applies migrations and seeds first-start data before the app serves requests.</summary>
public static class DatabaseStartup
{
    /// <summary>Migrates the database, seeds the roles and the first admin, and, unless disabled, the demo study.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken ct = default)
    {
        // A scope, not a bare context: seeding uses Identity's scoped RoleManager and StaffAccountService on this context.
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PlatformDbContext>();
        if (db.Database.IsSqlite())
            // WAL lets exports read while participants write.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await db.Database.MigrateAsync(ct);

        await PlatformSeeder.SeedRolesAsync(services.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
        var password = await PlatformSeeder.BootstrapAdminAsync(db, services.GetRequiredService<StaffAccountService>(), ct);
        if (password is not null)
        {
            // Shown once, on the console only (not the log sink); only its PBKDF2 hash is stored, and the admin
            // must replace it at first sign-in.
            Console.WriteLine($"Created admin account '{PlatformSeeder.AdminUserName}' with password: {password}");
            Console.WriteLine("Store it now; it is not shown again. You will choose your own password at first sign-in.");
            app.Logger.LogInformation("Seeded the admin account (password printed to the console once).");
        }
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.SeedDemo)
            await PlatformSeeder.SeedDemoAsync(db, services.GetRequiredService<TimeProvider>(), ct);
    }
}

using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace InteractionLab.Migrations.Postgres;

/// <summary>Lets dotnet-ef build the PostgreSQL model without starting the web host (no server needed to add a migration).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PlatformDbContext>
{
    /// <inheritdoc />
    public PlatformDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<PlatformDbContext>()
        .UseNpgsql(Environment.GetEnvironmentVariable("INTERACTIONLAB_DESIGN_PG") ?? "Host=localhost;Database=interactionlab_design",
            x => x.MigrationsAssembly(PlatformDataExtensions.PostgresMigrations))
        .Options);
}

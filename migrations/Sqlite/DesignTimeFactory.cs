using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace InteractionLab.Migrations.Sqlite;

/// <summary>Lets dotnet-ef build the SQLite model without starting the web host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PlatformDbContext>
{
    /// <inheritdoc />
    public PlatformDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<PlatformDbContext>()
        .UseSqlite("Data Source=design.db", x => x.MigrationsAssembly(PlatformDataExtensions.SqliteMigrations))
        .Options);
}

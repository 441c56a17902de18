using InteractionLab.Api.Data;
using InteractionLab.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Infrastructure;

/// <summary>A running platform on one database, whichever the provider, for tests that must hold on both.</summary>
public interface ITestPlatform
{
    /// <summary>The platform.</summary>
    PlatformFactory Factory { get; }

    /// <summary>A fresh context on the test database (for setting up and checking rows).</summary>
    AsyncServiceScope Scope(out PlatformDbContext db);
}

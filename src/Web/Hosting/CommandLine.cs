using InteractionLab.Api;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Web.Hosting;

/// <summary>
/// Maintenance commands run instead of the server, e.g.
/// <c>dotnet run --project src/Web -- create-api-key --study demo [--scope export] [--owner name] [--name "what it is for"]</c> or
/// <c>dotnet run --project src/Web -- create-user --name x --role researcher</c>.
/// </summary>
public static class CommandLine
{
    /// <summary>Runs the command named by the first argument; false when there is none (start the server).</summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (args.Length > 0 && args[0] == "create-user") return await CreateUserAsync(app, args);
        if (args.Length == 0 || args[0] != "create-api-key") return false;
        // A scope: ApiKeyService (and, below, StaffAccountService with Identity's stores) are scoped services.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var slug = Option(args, "--study");
        Guid? studyId = null;
        if (slug is not null)
        {
            studyId = await db.Studies.Where(s => s.Slug == slug).Select(s => (Guid?)s.Id).SingleOrDefaultAsync();
            if (studyId is null)
            {
                Console.Error.WriteLine($"There is no study '{slug}'.");
                Environment.ExitCode = 1;
                return true;
            }
        }
        var scopes = args.Select((a, i) => (a, i)).Where(x => x.a == "--scope" && x.i + 1 < args.Length).Select(x => args[x.i + 1]).ToList();
        if (scopes.Count == 0) scopes.Add(ApiKeyScopes.Export);
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync(Option(args, "--owner") ?? "admin", studyId, scopes, Option(args, "--name") ?? "command line");
        Console.WriteLine($"API key ({string.Join(",", scopes)}{(slug is null ? ", all studies" : ", study " + slug)}): {created.Key}");
        Console.WriteLine("Store it now; only its hash is kept and it is not shown again.");
        return true;
    }

    private static async Task<bool> CreateUserAsync(WebApplication app, string[] args)
    {
        var name = Option(args, "--name");
        var role = Option(args, "--role");
        if (name is null || role is null)
        {
            Console.Error.WriteLine($"Usage: create-user --name <user name> --role <{string.Join("|", StaffRoles.All)}>");
            Environment.ExitCode = 1;
            return true;
        }
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            var password = await scope.ServiceProvider.GetRequiredService<StaffAccountService>().CreateAsync("command-line", name, role);
            Console.WriteLine($"Created {role} account '{name.Trim()}' with password: {password}");
            Console.WriteLine("Store it now; it is not shown again. It must be changed at first sign-in.");
        }
        catch (PlatformProblemException problem)
        {
            Console.Error.WriteLine(problem.Detail);
            Environment.ExitCode = 1;
        }
        return true;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

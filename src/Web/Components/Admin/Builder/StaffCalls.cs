using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace InteractionLab.Web.Components.Admin.Builder;

/// <summary>
/// Runs an Api service in its own DI scope: a circuit lives for minutes, so admin pages never hold one
/// DbContext across clicks (the same rule as the participant journey).
/// </summary>
public static class StaffCalls
{
    /// <summary>Calls <paramref name="call"/> on a fresh <typeparamref name="TService"/>.</summary>
    public static async Task<T> RunAsync<TService, T>(this IServiceScopeFactory scopes, Func<TService, Task<T>> call)
        where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Calls <paramref name="call"/> on a fresh <typeparamref name="TService"/>.</summary>
    public static Task RunAsync<TService>(this IServiceScopeFactory scopes, Func<TService, Task> call) where TService : notnull =>
        scopes.RunAsync<TService, bool>(async service =>
        {
            await call(service);
            return true;
        });

    /// <summary>The signed-in staff member (an anonymous principal when there is none).</summary>
    public static async Task<ClaimsPrincipal> UserAsync(this Task<AuthenticationState>? state) =>
        state is null ? new ClaimsPrincipal(new ClaimsIdentity()) : (await state).User;
}

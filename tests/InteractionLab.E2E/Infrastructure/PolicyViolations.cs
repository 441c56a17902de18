using Microsoft.Playwright;

namespace InteractionLab.E2E.Infrastructure;

/// <summary>
/// Collects what the browser reports about the Content-Security-Policy on a page: every <c>securitypolicyviolation</c>
/// event (forwarded to the console by a script that runs before the page's own) and every console message about
/// the policy, so a test can assert that a page works under the policy with nothing blocked.
/// </summary>
public sealed class PolicyViolations
{
    private readonly List<string> _reports = [];

    /// <summary>What was reported so far.</summary>
    public IReadOnlyList<string> Reports
    {
        get { lock (_reports) return [.. _reports]; }
    }

    /// <summary>Starts watching <paramref name="page"/> (call before its first navigation).</summary>
    public static async Task<PolicyViolations> WatchAsync(IPage page)
    {
        var watch = new PolicyViolations();
        await page.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation',
              e => console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI));
            """);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("CSP violation", StringComparison.Ordinal) || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                lock (watch._reports) watch._reports.Add(message.Text);
        };
        return watch;
    }
}

using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace InteractionLab.E2E.Infrastructure;

/// <summary>
/// axe-core in the page: every rule axe runs by default, plus "label-content-name-mismatch" (experimental, so off by
/// default), the rule that found crossword squares and buttons whose spoken name did not contain their visible text.
/// </summary>
public static class Axe
{
    private static readonly AxeRunOptions Options = new()
    {
        Rules = new Dictionary<string, RuleOptions> { ["label-content-name-mismatch"] = new() { Enabled = true } },
    };

    /// <summary>Fails with every violation (rule, help and the elements) when axe finds any on the page as it is now.</summary>
    public static async Task AssertCleanAsync(IPage page)
    {
        var result = await page.RunAxe(Options);
        var found = result.Violations.Select(v =>
            $"{v.Id} ({v.Help}): {string.Join(" | ", v.Nodes.Select(n => n.Html.Length > 160 ? n.Html[..160] + "…" : n.Html))}").ToList();
        Assert.True(found.Count == 0, $"axe found {found.Count} violation(s) on {page.Url}:\n{string.Join("\n", found)}");
    }
}

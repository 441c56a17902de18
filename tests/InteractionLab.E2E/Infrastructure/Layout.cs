using Microsoft.Playwright;

namespace InteractionLab.E2E.Infrastructure;

/// <summary>Layout checks a person would make by looking: nothing sticks out sideways, text on buttons stays readable on hover.</summary>
public static class Layout
{
    /// <summary>Fails when the page scrolls sideways (something is wider than the window), naming the widest culprits.</summary>
    public static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var wider = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
              // Inside a box that fits and scrolls or clips sideways (a wide table on a phone), sticking out is intended.
              .filter(e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
                               if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)
                                   && p.getBoundingClientRect().right <= document.documentElement.clientWidth + 1) return false;
                             return true; })
              .slice(0, 5).map(e => e.tagName + '.' + [...e.classList].join('.') + ' right=' + Math.round(e.getBoundingClientRect().right))
            """);
        var scrolls = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.False(scrolls, $"{page.Url} scrolls sideways: {string.Join(", ", wider)}");
    }

    /// <summary>
    /// Hovers every visible, enabled button and checks its text against its background (WCAG contrast, at least 4.5:1);
    /// fails listing the buttons below that.
    /// </summary>
    public static async Task AssertButtonsReadableOnHoverAsync(IPage page)
    {
        var buttons = page.Locator("button:visible:enabled, a.btn:visible");
        var low = new List<string>();
        for (var i = 0; i < await buttons.CountAsync(); i++)
        {
            var button = buttons.Nth(i);
            await button.HoverAsync();
            var ratio = await button.EvaluateAsync<double>("""
                e => {
                  const rgb = c => c.match(/[\d.]+/g).slice(0, 3).map(Number);
                  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                    .reduce((s, v, k) => s + v * [0.2126, 0.7152, 0.0722][k], 0);
                  let bg = 'rgba(0, 0, 0, 0)';
                  for (let n = e; n && /rgba\(.*, 0\)$|transparent/.test(bg); n = n.parentElement) bg = getComputedStyle(n).backgroundColor;
                  if (/rgba\(.*, 0\)$|transparent/.test(bg)) bg = 'rgb(255, 255, 255)';
                  const [a, b] = [lum(rgb(getComputedStyle(e).color)), lum(rgb(bg))];
                  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                }
                """);
            if (ratio < 4.5) low.Add($"'{(await button.InnerTextAsync()).Trim()}' {ratio:0.0}:1");
        }
        Assert.True(low.Count == 0, $"Buttons hard to read on hover on {page.Url}: {string.Join("; ", low)}");
    }
}

using Microsoft.Playwright;

namespace InteractionLab.E2E.Infrastructure;

/// <summary>Checks of what a person would see cut off, run in the page.</summary>
public static class LayoutChecks
{
    // For every visible select: does its longest option fit inside it (text width measured with the select's own font,
    // less its padding and the arrow), and does the select stay inside the window?
    private const string SelectsScript = """
        () => {
          const g = document.createElement('canvas').getContext('2d');
          const out = [];
          for (const s of document.querySelectorAll('select')) {
            const r = s.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) continue;
            const cs = getComputedStyle(s);
            g.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
            const longest = [...s.options].map(o => o.text).reduce((a, b) => g.measureText(b).width > g.measureText(a).width ? b : a, '');
            const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20;
            const need = g.measureText(longest).width;
            if (need > room + 0.5 || r.right > document.documentElement.clientWidth + 0.5 || r.left < -0.5)
              out.push(`#${s.id}: "${longest}" needs ${Math.ceil(need)} px, has ${Math.floor(room)} px, right edge ${Math.round(r.right)} of ${document.documentElement.clientWidth}`);
          }
          return out;
        }
        """;

    /// <summary>The selects on the page whose longest choice would be cut off, or that stick out of the window.</summary>
    public static Task<string[]> CutOffSelectsAsync(IPage page) => page.EvaluateAsync<string[]>(SelectsScript);

    /// <summary>The page's full width in CSS pixels (more than the window's means it scrolls sideways).</summary>
    public static Task<int> PageWidthAsync(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

    /// <summary>The page's full height in CSS pixels.</summary>
    public static Task<int> PageHeightAsync(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
}

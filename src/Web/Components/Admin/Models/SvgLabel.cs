using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace InteractionLab.Web.Components.Admin.Models;

/// <summary>An SVG <c>&lt;text&gt;</c> element (Razor reserves the tag name, so charts render it through this).</summary>
public sealed class SvgLabel : ComponentBase
{
    /// <summary>x position.</summary>
    [Parameter] public double X { get; set; }
    /// <summary>y position (baseline).</summary>
    [Parameter] public double Y { get; set; }
    /// <summary>The text.</summary>
    [Parameter, EditorRequired] public string Text { get; set; } = "";

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "x", X.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture));
        builder.AddAttribute(2, "y", Y.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture));
        builder.AddAttribute(3, "font-size", "13");
        builder.AddAttribute(4, "fill", "currentColor");
        builder.AddContent(5, Text);
        builder.CloseElement();
    }
}

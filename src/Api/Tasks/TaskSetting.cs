namespace InteractionLab.Api.Tasks;

/// <summary>What kind of value a task setting takes (how the builder edits and checks it).</summary>
public enum TaskSettingKind
{
    /// <summary>One line of text.</summary>
    Text,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>A number.</summary>
    Number,
    /// <summary>Yes or no (stored as <c>true</c>/<c>false</c>).</summary>
    Boolean,
    /// <summary>A list, one entry per line.</summary>
    Lines,
}

/// <summary>One setting of a task type, as the builder shows it.</summary>
/// <param name="Key">Key in <see cref="Domain.Studies.TaskConfig.Settings"/>.</param>
/// <param name="Label">Label in the builder.</param>
/// <param name="Default">Value used when the stage does not set it.</param>
/// <param name="Help">One sentence on its effect.</param>
/// <param name="Kind">Kind of value.</param>
public sealed record TaskSetting(string Key, string Label, string Default, string Help, TaskSettingKind Kind = TaskSettingKind.Text);

namespace InteractionLab.Web.Components.Admin.Stimuli;

/// <summary>A file the upload form read, for the page to store.</summary>
/// <param name="Name">Name of the new set.</param>
/// <param name="Kind">Kind of set.</param>
/// <param name="FileName">The file's name (its extension decides the parser).</param>
/// <param name="Content">The file's text.</param>
public sealed record StimulusUpload(string Name, string Kind, string FileName, string Content);

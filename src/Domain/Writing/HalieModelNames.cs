namespace InteractionLab.Domain.Writing;

/// <summary>
/// The model names HALIE's tables use for the models CoAuthor logged (<c>convert_model_name_coauthor</c> in
/// <c>src/utils/name_utils.py</c> of <c>stanford-crfm/halie</c>).
/// </summary>
public static class HalieModelNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["openai/text-davinci-001"] = "InstructDavinci",
        ["openai/text-babbage-001"] = "InstructBabbage",
        ["openai/davinci"] = "Davinci",
        ["ai21/j1-jumbo"] = "Jumbo",
    };

    /// <summary>HALIE's name for a logged model; any other model keeps its own name (HALIE stops with an error there).</summary>
    public static string FromCoAuthor(string model) => Names.GetValueOrDefault(model, model);
}

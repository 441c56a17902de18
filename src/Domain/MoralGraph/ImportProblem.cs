namespace InteractionLab.Domain.MoralGraph;

/// <summary>One problem in an import file.</summary>
/// <param name="Item">Where: <c>$</c> for the whole file, <c>values[i]</c> or <c>votes[i]</c> (0-based, in file order).</param>
/// <param name="Message">What is wrong, naming the offending field and value, so the file can be fixed.</param>
public sealed record ImportProblem(string Item, string Message);

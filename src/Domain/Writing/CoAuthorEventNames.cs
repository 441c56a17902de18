namespace InteractionLab.Domain.Writing;

/// <summary>The <c>eventName</c> values of the CoAuthor format that the domain gives meaning to.
/// Other names are kept as they are.</summary>
public static class CoAuthorEventNames
{
    /// <summary>Session start; <c>currentDoc</c> holds the prompt.</summary>
    public const string SystemInitialize = "system-initialize";
    /// <summary>Text typed or inserted.</summary>
    public const string TextInsert = "text-insert";
    /// <summary>Text removed.</summary>
    public const string TextDelete = "text-delete";
    /// <summary>Cursor moved forward.</summary>
    public const string CursorForward = "cursor-forward";
    /// <summary>Cursor moved backward.</summary>
    public const string CursorBackward = "cursor-backward";
    /// <summary>Text selected.</summary>
    public const string CursorSelect = "cursor-select";
    /// <summary>The participant asked for suggestions (a query).</summary>
    public const string SuggestionGet = "suggestion-get";
    /// <summary>Suggestions were shown.</summary>
    public const string SuggestionOpen = "suggestion-open";
    /// <summary>Suggestions shown again without a new query.</summary>
    public const string SuggestionReopen = "suggestion-reopen";
    /// <summary>Moved up the list.</summary>
    public const string SuggestionUp = "suggestion-up";
    /// <summary>Moved down the list.</summary>
    public const string SuggestionDown = "suggestion-down";
    /// <summary>Hovered a suggestion.</summary>
    public const string SuggestionHover = "suggestion-hover";
    /// <summary>A suggestion was accepted into the document.</summary>
    public const string SuggestionSelect = "suggestion-select";
    /// <summary>The list was closed.</summary>
    public const string SuggestionClose = "suggestion-close";
    /// <summary>The model call failed.</summary>
    public const string SuggestionFail = "suggestion-fail";
    /// <summary>A sentence was submitted to the list (HALIE's metaphor logs); <c>textDelta</c> is the sentence as a string.</summary>
    public const string TemplateAdd = "template-add";
    /// <summary>A submitted sentence was removed from the list; <c>textDelta</c> is that sentence.</summary>
    public const string TemplateDelete = "template-delete";
    /// <summary>HALIE's analysis name for <see cref="TemplateAdd"/> (<c>MetaphorEvent._convert_name</c>); accepted as the same.</summary>
    public const string SentenceAdd = "sentence-add";
    /// <summary>HALIE's analysis name for <see cref="TemplateDelete"/>; accepted as the same.</summary>
    public const string SentenceDelete = "sentence-delete";
    /// <summary>A query from a generate button (CoAuthor's other interfaces); HALIE counts it as a query like <see cref="SuggestionGet"/>.</summary>
    public const string ButtonGenerate = "button-generate";
}

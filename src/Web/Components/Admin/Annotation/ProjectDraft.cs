using System.Globalization;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using InteractionLab.Web.Components.Admin.Surveys;

namespace InteractionLab.Web.Components.Admin.Annotation;

/// <summary>A project config while it is being edited (mutable for form binding; lists as one entry per line).</summary>
public sealed class ProjectDraft
{
    /// <summary>The config the draft started from (what the form does not edit is kept from it).</summary>
    public required AnnotationProjectConfig Original { get; init; }
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";
    /// <summary>Guidelines.</summary>
    public string Guidelines { get; set; } = "";
    /// <summary>k.</summary>
    public int RatersPerItem { get; set; }
    /// <summary>Lease in minutes.</summary>
    public int LeaseMinutes { get; set; }
    /// <summary>Cap per annotator ("" = none).</summary>
    public string Cap { get; set; } = "";
    /// <summary>Gold every n items.</summary>
    public int GoldEvery { get; set; }
    /// <summary>Qualification pass mark (0–1).</summary>
    public double QualificationPassShare { get; set; }
    /// <summary>Review threshold (0–1).</summary>
    public double ReviewThreshold { get; set; }
    /// <summary>Who rates.</summary>
    public AnnotatorAccess Access { get; set; }
    /// <summary>Recruitment platform of crowd workers.</summary>
    public RecruitmentPlatform Platform { get; set; }
    /// <summary>Completion code.</summary>
    public string CompletionCode { get; set; } = "";
    /// <summary>Prolific completion URL.</summary>
    public string CompletionUrl { get; set; } = "";
    /// <summary>Redact e-mail addresses.</summary>
    public bool Emails { get; set; }
    /// <summary>Redact phone numbers.</summary>
    public bool Phones { get; set; }
    /// <summary>Redact web addresses.</summary>
    public bool Urls { get; set; }
    /// <summary>Redact recruitment ids.</summary>
    public bool Ids { get; set; }
    /// <summary>Names to redact, one per line.</summary>
    public string Names { get; set; } = "";
    /// <summary>Patterns to redact, one per line.</summary>
    public string Patterns { get; set; } = "";
    /// <summary>Condition keys, comma separated ("" = all).</summary>
    public string Conditions { get; set; } = "";
    /// <summary>Stage keys, comma separated ("" = all of the target's task).</summary>
    public string Stages { get; set; } = "";
    /// <summary>The form's questions.</summary>
    public List<SurveyItemDraft> Items { get; set; } = [];

    /// <summary>A draft of <paramref name="c"/>.</summary>
    public static ProjectDraft From(AnnotationProjectConfig c) => new()
    {
        Original = c, Name = c.Name, Guidelines = c.Guidelines, RatersPerItem = c.RatersPerItem, LeaseMinutes = c.LeaseMinutes,
        Cap = c.CapPerAnnotator?.ToString(CultureInfo.InvariantCulture) ?? "", GoldEvery = c.GoldEvery,
        QualificationPassShare = c.QualificationPassShare, ReviewThreshold = c.ReviewThreshold, Access = c.Access,
        Platform = c.Recruitment.Platform, CompletionCode = c.Recruitment.CompletionCode, CompletionUrl = c.Recruitment.ProlificCompletionUrl ?? "",
        Emails = c.Redaction.EmailAddresses, Phones = c.Redaction.PhoneNumbers, Urls = c.Redaction.Urls, Ids = c.Redaction.RecruitmentIds,
        Names = string.Join('\n', c.Redaction.Names ?? []), Patterns = string.Join('\n', c.Redaction.Patterns ?? []),
        Conditions = string.Join(", ", c.Filter.Conditions ?? []), Stages = string.Join(", ", c.Filter.Stages ?? []),
        Items = c.Form.Items.Select(SurveyItemDraft.From).ToList(),
    };

    /// <summary>The config the draft describes.</summary>
    public AnnotationProjectConfig ToConfig() => Original with
    {
        Name = Name.Trim(), Guidelines = Guidelines, RatersPerItem = RatersPerItem, LeaseMinutes = LeaseMinutes,
        CapPerAnnotator = int.TryParse(Cap, NumberStyles.Integer, CultureInfo.InvariantCulture, out var cap) ? cap : null,
        GoldEvery = GoldEvery, QualificationPassShare = QualificationPassShare, ReviewThreshold = ReviewThreshold, Access = Access,
        Recruitment = Original.Recruitment with { Platform = Platform, CompletionCode = CompletionCode.Trim(), ProlificCompletionUrl = Blank(CompletionUrl) },
        Redaction = new RedactionRules(Emails, Phones, Urls, Ids, Lines(Names, '\n'), Lines(Patterns, '\n')),
        Filter = Original.Filter with { Conditions = Lines(Conditions, ','), Stages = Lines(Stages, ',') },
        Form = Original.Form with { Items = Items.Select(i => i.ToItem()).ToList() },
    };

    private static IReadOnlyList<string>? Lines(string text, char separator)
    {
        var list = text.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return list.Length == 0 ? null : list;
    }

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

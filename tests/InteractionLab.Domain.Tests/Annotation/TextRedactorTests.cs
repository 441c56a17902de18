using InteractionLab.Domain.Annotation;

namespace InteractionLab.Domain.Tests.Annotation;

public class TextRedactorTests
{
    private static string Redact(string text, RedactionRules? rules = null, params string[] terms) =>
        new TextRedactor(rules ?? RedactionRules.Default, terms).Redact(text).Text;

    [Theory]
    [InlineData("write to jane.doe+study@uni-mainz.de please", "write to [email] please")]
    [InlineData("Mail: J_Smith@example.co.uk.", "Mail: [email].")]
    public void EmailAddressesAreReplaced(string text, string expected) => Assert.Equal(expected, Redact(text));

    [Theory]
    [InlineData("Call me at +1 (555) 123-4567 tonight", "Call me at [phone] tonight")]
    [InlineData("my number is 0171 2345678", "my number is [phone]")]
    [InlineData("ring 555.123.4567!", "ring [phone]!")]
    public void PhoneNumbersAreReplaced(string text, string expected) => Assert.Equal(expected, Redact(text));

    [Theory]
    [InlineData("He scored 32 goals in 54 games in 2016.")]
    [InlineData("The burglary was at 02:00 GMT on 12.03.2016.")]
    [InlineData("It costs 1,250 dollars")]
    public void YearsScoresAndDatesAreNotTakenForPhoneNumbers(string text) => Assert.Equal(text, Redact(text));

    [Theory]
    [InlineData("see https://example.org/a?b=c, then", "see [url], then")]
    [InlineData("go to www.my-site.net/page.", "go to [url].")]
    [InlineData("my blog janedoe.com/posts is new", "my blog [url] is new")]
    public void WebAddressesAreReplaced(string text, string expected) => Assert.Equal(expected, Redact(text));

    [Theory]
    [InlineData("my id is 5f3c2b1a9d8e7f6a5b4c3d2e ok", "my id is [id] ok")]
    [InlineData("worker A1198W1SPF1R4 here", "worker [id] here")]
    [InlineData("HIT 3D3B8GE892LQVGRB8LDVZ4P5P38P98 done", "HIT [id] done")]
    public void RecruitmentIdsAreReplaced(string text, string expected) => Assert.Equal(expected, Redact(text));

    [Fact]
    public void CapitalisedWordsWithoutDigitsAreNotTakenForWorkerIds() =>
        Assert.Equal("ABSOLUTELYNOTHING was said", Redact("ABSOLUTELYNOTHING was said"));

    [Fact]
    public void NamesFromTheResearchersListAreReplacedAsWholeWordsInAnyCase()
    {
        var rules = RedactionRules.Default with { Names = ["Maria", "New York"] };

        Assert.Equal("[name] moved to [name]; [name]'s friend stayed in Mariahilf.",
            Redact("Maria moved to new york; MARIA's friend stayed in Mariahilf.", rules));
    }

    [Fact]
    public void BlindingTermsAreReplacedWhateverTheRules()
    {
        var off = new RedactionRules(false, false, false, false);

        Assert.Equal("As [redacted] I cannot say", Redact("As GPT-4o-mini I cannot say", off, "gpt-4o-mini"));
    }

    [Fact]
    public void ResearchersPatternsAreReplaced()
    {
        var rules = RedactionRules.Default with { Patterns = [@"\bcase-\d+\b"] };

        Assert.Equal("see [redacted] and [redacted]", Redact("see case-12 and case-7", rules));
    }

    [Fact]
    public void EachKindCanBeSwitchedOff()
    {
        var off = new RedactionRules(EmailAddresses: false, PhoneNumbers: false, Urls: false, RecruitmentIds: false);
        const string text = "a@b.org 555-123-4567 https://x.org A1198W1SPF1R4";

        Assert.Equal(text, Redact(text, off));
    }

    [Fact]
    public void CountsSayHowManyOfEachKindWereReplaced()
    {
        var result = new TextRedactor(RedactionRules.Default with { Names = ["Ann"] })
            .Redact("Ann (ann@x.org) and Ann again, 555-123-4567");

        Assert.Equal(2, result.Counts["name"]);
        Assert.Equal(1, result.Counts["email"]);
        Assert.Equal(1, result.Counts["phone"]);
    }

    [Fact]
    public void ValidationNamesTheBadPatternByItsPath()
    {
        var errors = (RedactionRules.Default with { Patterns = ["ok", "(unclosed", "a*"], Names = ["x"] }).Validate();

        Assert.Equal(["names[0]", "patterns[1]", "patterns[2]"], errors.Keys.Order());
    }
}

using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Tests;

public class ConfigHashTests
{
    [Fact]
    public void SameConfigHashesTheSame()
    {
        Assert.Equal(ConfigHash.Compute(TestStudies.TwoConditions()), ConfigHash.Compute(TestStudies.TwoConditions()));
    }

    [Fact]
    public void ChangingADecodingSettingChangesTheHash()
    {
        var a = TestStudies.TwoConditions();
        var warmer = a.Conditions[0] with { Decoding = a.Conditions[0].Decoding with { Temperature = 1.0f } };
        var b = a with { Conditions = [warmer, a.Conditions[1]] };

        Assert.NotEqual(ConfigHash.Compute(a), ConfigHash.Compute(b));
    }

    [Fact]
    public void AConfigWithoutAnAutomaticReturnHashesAsBeforeTheSettingExistedAndOneWithItDiffers()
    {
        var config = TestStudies.TwoConditions();
        var withReturn = config with { Recruitment = config.Recruitment with { AutoRedirectSeconds = 5 } };

        // Stored configs saved before the setting existed keep their hash: the unset setting is not written at all.
        Assert.DoesNotContain("autoRedirectSeconds", ConfigHash.Canonical(config));
        Assert.Contains("\"autoRedirectSeconds\":5", ConfigHash.Canonical(withReturn));
        Assert.NotEqual(ConfigHash.Compute(config), ConfigHash.Compute(withReturn));
        Assert.Equal(5, ConfigHash.Parse(ConfigHash.Canonical(withReturn)).Recruitment.AutoRedirectSeconds);
    }

    [Fact]
    public void HashIsIndependentOfKeyOrderInTheStoredJson()
    {
        var config = TestStudies.TwoConditions();
        var json = System.Text.Json.JsonSerializer.Serialize(config, ConfigHash.Json);
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        var reordered = new System.Text.Json.Nodes.JsonObject(node.Reverse().Select(p =>
            KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

        var roundTripped = ConfigHash.Parse(reordered.ToJsonString());

        Assert.Equal(ConfigHash.Compute(config), ConfigHash.Compute(roundTripped));
    }

    [Fact]
    public void HashIsSixtyFourLowerCaseHexCharacters()
    {
        Assert.Matches("^[0-9a-f]{64}$", ConfigHash.Compute(TestStudies.TwoConditions()));
    }

    [Fact]
    public void CanonicalJsonSortsKeysAndWritesEnumsAsText()
    {
        var canonical = ConfigHash.Canonical(TestStudies.TwoConditions());

        Assert.StartsWith("{\"assignment\":", canonical);
        Assert.Contains("\"kind\":\"consent\"", canonical);
    }
}

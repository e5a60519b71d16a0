using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Canonical;

namespace ClinicalTrials.Core.Tests.Canonical;

public sealed class CanonicalJsonTests
{
    /// <summary>The sample input of RFC 8785 §3.2.2 and the canonical output of §3.2.4.</summary>
    private const string RfcSample = """
        {
          "numbers": [333333333.33333329, 1E30, 4.50,
                      2e-3, 0.000000000000000000000000001],
          "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
          "literals": [null, true, false]
        }
        """;

    private const string RfcSampleCanonical =
        "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27]," +
        "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

    [Fact]
    public void RfcSampleFromText() => Assert.Equal(RfcSampleCanonical, Text(CanonicalJson.CanonicalizeText(RfcSample)));

    [Fact]
    public void RfcSampleFromElement()
    {
        using var doc = JsonDocument.Parse(RfcSample);
        Assert.Equal(RfcSampleCanonical, Text(CanonicalJson.Canonicalize(doc.RootElement)));
    }

    [Fact]
    public void RfcSampleFromNode() => Assert.Equal(RfcSampleCanonical, CanonicalJson.ToCanonicalString(JsonNode.Parse(RfcSample)));

    /// <summary>RFC 8785 §3.2.3: members sort by UTF-16 code units, so U+1F600 (a surrogate pair) sorts before U+FB33.</summary>
    [Fact]
    public void RfcSortOrder()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;
        using var doc = JsonDocument.Parse(CanonicalJson.CanonicalizeText(input));
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Value.GetString()!).ToArray();
        Assert.Equal<string>(
            ["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"],
            keys);
        Assert.StartsWith("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"", Text(CanonicalJson.CanonicalizeText(input)));
    }

    [Fact]
    public void NestedObjectsAreSortedAndWhitespaceRemoved() =>
        Assert.Equal("""{"a":[{"x":1,"y":2}],"b":{"c":"d"}}""", Text(CanonicalJson.CanonicalizeText(""" { "b" : { "c" : "d" } , "a" : [ { "y" : 2, "x" : 1.0 } ] } """)));

    [Fact]
    public void ControlCharactersUseShortOrLowercaseEscapes() =>
        Assert.Equal("\"\\b\\t\\n\\f\\r\\u0000\\u001f\u007f\"", CanonicalJson.ToCanonicalString(JsonValue.Create("\b\t\n\f\r\0\u001f\u007f")));

    [Fact]
    public void DuplicateMemberIsRejectedWithPath()
    {
        var e = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.CanonicalizeText("""{"visits":[{"dose":1,"dose":2}]}"""));
        Assert.Equal("$.visits[0].dose", e.Path);
        Assert.Contains("duplicate", e.Message);
    }

    [Fact]
    public void NumberOutsideDoubleRangeIsRejected()
    {
        var e = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.CanonicalizeText("""{"a":{"b c":[1e400]}}"""));
        Assert.Equal("$.a['b c'][0]", e.Path);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteNodeValuesAreRejected(double value)
    {
        var node = new JsonObject { ["x"] = new JsonArray(1, value) };
        var e = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(node));
        Assert.Equal("$.x[1]", e.Path);
    }

    [Fact]
    public void LoneSurrogateIsRejected()
    {
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.CanonicalizeText("""{"a":"\ud800"}"""));
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(new JsonObject { ["a"] = "x\udc00" }));
    }

    [Fact]
    public void InvalidJsonIsRejected() =>
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.CanonicalizeText("{\"a\":1,}"));

    [Fact]
    public void ClrValuesCanonicalizeLikeTheirJsonText()
    {
        var node = new JsonObject { ["i"] = 42, ["m"] = 1.50m, ["l"] = -7L, ["f"] = 0.5f, ["g"] = Guid.Empty, ["n"] = null };
        Assert.Equal("""{"f":0.5,"g":"00000000-0000-0000-0000-000000000000","i":42,"l":-7,"m":1.5,"n":null}""", CanonicalJson.ToCanonicalString(node));
    }

    [Fact]
    public void CanonicalFormIsAFixedPoint()
    {
        byte[] once = CanonicalJson.CanonicalizeText(RfcSample);
        Assert.Equal(once, CanonicalJson.CanonicalizeUtf8(once));
    }

    private static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);
}

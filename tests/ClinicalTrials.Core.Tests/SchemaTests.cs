using System.Text.Json.Nodes;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Core.Validation;

namespace ClinicalTrials.Core.Tests;

/// <summary>The schemas ship as resources, are draft 2020-12 with versioned ids, and accept the reference kit's analyses.</summary>
public sealed class SchemaTests
{
    [Theory]
    [InlineData(DocumentSchemas.ProtocolV1, DocumentSchemas.ProtocolV1Id)]
    [InlineData(DocumentSchemas.SapV1, DocumentSchemas.SapV1Id)]
    [InlineData(DocumentSchemas.SyntheticV1, DocumentSchemas.SyntheticV1Id)]
    public void Schema_resources_load(string file, string id)
    {
        var node = JsonNode.Parse(DocumentSchemas.ReadText(file))!;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", node["$schema"]!.GetValue<string>());
        Assert.Equal(id, node["$id"]!.GetValue<string>());
        Assert.NotEmpty(DocumentSchemas.Get(file).Keywords!);
        Assert.Contains("schema_version", node["required"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Unknown_schema_is_an_argument_error() =>
        Assert.Throws<ArgumentException>(() => DocumentSchemas.ReadText("protocol.v9.schema.json"));

    public static TheoryData<string> ReferenceCases => new(
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "reference-analyses"), "analyses.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "reference-analyses"), Path.GetDirectoryName(f)!))
            // extra/ cases also exercise the kit's defaults for fields a registered SAP must state
            // (welch, logrank levels); the schema requires them, as the reference table does.
            .Where(c => !c.StartsWith("extra", StringComparison.Ordinal))
            .Order());

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Reference_kit_analyses_are_valid_sap_analyses(string referenceCase)
    {
        var analyses = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference-analyses", referenceCase, "analyses.json")))!;
        var sap = new JsonObject
        {
            ["schema_version"] = 1,
            ["trial_id"] = "REF-" + referenceCase.Replace('/', '-'),
            ["version"] = "1",
            ["protocol"] = new JsonObject { ["trial_id"] = "REF-" + referenceCase.Replace('/', '-'), ["version"] = "1" },
            ["analyses"] = analyses,
            ["primary"] = analyses[0]!["id"]!.GetValue<string>(),
            ["missing_sites"] = new JsonObject { ["rule"] = "fail" },
        };
        var result = SapDocument.Parse(sap.ToJsonString(), referenceCase);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(analyses.AsArray().Count, result.Document.Analyses.Length);
    }
}

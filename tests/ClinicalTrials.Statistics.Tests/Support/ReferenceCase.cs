using System.Text.Json.Nodes;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;

namespace ClinicalTrials.Statistics.Tests.Support;

/// <summary>A reference case folder copied from the shared kit (see Reference/PROVENANCE.md).</summary>
public sealed record ReferenceCase(string Name, IReadOnlyList<SiteTable> Sites, IReadOnlyList<AnalysisSpec> Analyses, JsonObject Expected)
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Reference");

    public static IEnumerable<string> Names => Directory.GetDirectories(Root)
        .Concat(Directory.Exists(Path.Combine(Root, "extra")) ? Directory.GetDirectories(Path.Combine(Root, "extra")) : [])
        .Where(d => File.Exists(Path.Combine(d, "expected.json")))
        .Select(d => Path.GetRelativePath(Root, d))
        .Order();

    public static ReferenceCase Load(string name)
    {
        var dir = Path.Combine(Root, name);
        var sites = Directory.GetFiles(dir, "site*.csv")
            .Select(f => (File: f, N: int.Parse(Path.GetFileNameWithoutExtension(f)[4..])))
            .OrderBy(x => x.N)
            .Select(x =>
            {
                using var reader = File.OpenText(x.File);
                var read = SiteTableCsv.Read(x.N, reader, x.File);
                Assert.Empty(read.Rejected);
                return read.Table;
            })
            .ToList();
        var analyses = SapJson.ReadAnalyses(File.ReadAllText(Path.Combine(dir, "analyses.json")));
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")))!.AsObject();
        return new ReferenceCase(name, sites, analyses, expected);
    }

    /// <summary>(case, analysis id) pairs of the given types, for xUnit theories.</summary>
    public static TheoryData<string, string> Of(params string[] types)
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Names)
            foreach (var a in Load(name).Analyses.Where(a => types.Contains(a.Type)))
                data.Add(name, a.Id);
        return data;
    }
}

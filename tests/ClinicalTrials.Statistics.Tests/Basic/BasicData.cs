using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;

namespace ClinicalTrials.Statistics.Tests.Basic;

/// <summary>Small hand-made site tables and assertions for the basic methods' tests.</summary>
internal static class BasicData
{
    /// <summary>A site's table from named columns of values (null = missing), parsed as a CSV would be.</summary>
    public static SiteTable Table(int site, params (string Name, object?[] Values)[] columns) =>
        new(site, columns.Select(c => Column.FromText(c.Name, c.Values.Select(Text).ToArray())));

    /// <summary>Rows of a categorical pair repeated by counts: (row value, column value, count).</summary>
    public static SiteTable Counts(int site, string rowName, string colName, params (string Row, string Col, int Count)[] cells)
    {
        var rows = cells.SelectMany(c => Enumerable.Repeat<object?>(c.Row, c.Count)).ToArray();
        var cols = cells.SelectMany(c => Enumerable.Repeat<object?>(c.Col, c.Count)).ToArray();
        return Table(site, (rowName, rows), (colName, cols));
    }

    /// <summary>Runs <paramref name="spec"/> through the federated engine (aggregates go through JSON) with no disclosure rule.</summary>
    public static JsonObject Run(AnalysisSpec spec, params SiteTable[] sites) => new FederatedEngine().Run(spec, sites).Result;

    /// <summary>One site's step, outside the engine, so that its exceptions arrive unwrapped.</summary>
    public static JsonElement SiteStep(AnalysisSpec spec, SiteTable site, DisclosureRules rules, params int[] sites)
    {
        var method = FederatedMethods.All.For(spec.Type);
        return method.SiteStep(site, method.Start(spec, sites.Length == 0 ? [site.Site] : sites), rules);
    }

    /// <summary>The combine step alone on sites' steps without rules (for errors raised at the coordinator).</summary>
    public static CombineOutcome Combine(AnalysisSpec spec, params SiteTable[] sites)
    {
        var method = FederatedMethods.All.For(spec.Type);
        var request = method.Start(spec, sites.Select(s => s.Site).ToArray());
        return method.Combine(request, sites.Select(s => new SiteAggregate(s.Site, 0, method.SiteStep(s, request, DisclosureRules.None))).ToList());
    }

    /// <summary>A number of a result by path (keys and array indices), NaN for null.</summary>
    public static double Num(JsonNode node, params object[] path)
    {
        var n = At(node, path);
        return n is null ? double.NaN : n.GetValue<double>();
    }

    public static JsonNode? At(JsonNode node, params object[] path)
    {
        JsonNode? n = node;
        foreach (var p in path) n = p is int i ? n![i] : n![(string)p];
        return n;
    }

    /// <summary>Asserts agreement with a value R printed to 15 significant digits.</summary>
    public static void Close(double expected, double actual, double relative = 1e-12)
    {
        if (double.IsNaN(expected)) { Assert.True(double.IsNaN(actual), $"expected NA, got {actual:R}"); return; }
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Max(Math.Abs(expected), 1e-300) || Math.Abs(actual - expected) <= 1e-14,
            $"expected {expected:R}, got {actual:R}");
    }

    /// <summary>Serializes an aggregate, reads it back and serializes again: the two JSON texts must be equal.</summary>
    public static T RoundTrip<T>(T value)
    {
        var json = JsonSerializer.Serialize(value, StatsJson.Options);
        var back = JsonSerializer.Deserialize<T>(json, StatsJson.Options)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, StatsJson.Options));
        return back;
    }

    private static string? Text(object? v) => v switch
    {
        null => null,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    };
}

using System.Globalization;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;

namespace ClinicalTrials.Statistics.Tests.Survival;

/// <summary>Small survival data sets whose R results are pasted in the tests, and helpers to run them.</summary>
internal static class SurvivalData
{
    /// <summary>A site table with time, status and (optionally) grp columns.</summary>
    public static SiteTable Site(int site, double[] time, int[] status, string[]? grp = null)
    {
        var columns = new List<Column>
        {
            Column.FromNumbers("time", time),
            Column.FromNumbers("status", status.Select(s => (double)s).ToArray()),
        };
        if (grp is not null) columns.Add(Column.FromStrings("grp", grp));
        return new SiteTable(site, columns);
    }

    /// <summary>
    /// Two sites with tied times (R: s1, s2 of the tests' R snippets). With <paramref name="groupC"/>,
    /// each site also has rows of a group "c" whose rows are all censored.
    /// </summary>
    public static IReadOnlyList<SiteTable> Ties(bool groupC = false) => groupC
        ?
        [
            Site(1, [1, 2, 2, 3, 4, 5, 5, 6, 3, 8], [1, 1, 0, 1, 0, 1, 1, 1, 0, 0], ["a", "a", "b", "b", "a", "b", "a", "b", "c", "c"]),
            Site(2, [2, 2, 3, 3, 7, 8, 9, 4], [1, 1, 1, 0, 0, 1, 0, 0], ["b", "a", "a", "b", "a", "b", "a", "c"]),
        ]
        :
        [
            Site(1, [1, 2, 2, 3, 4, 5, 5, 6], [1, 1, 0, 1, 0, 1, 1, 1], ["a", "a", "b", "b", "a", "b", "a", "b"]),
            Site(2, [2, 2, 3, 3, 7, 8, 9], [1, 1, 1, 0, 0, 1, 0], ["b", "a", "a", "b", "a", "b", "a"]),
        ];

    /// <summary>Runs <paramref name="spec"/> through the engine with the registry of all methods.</summary>
    public static JsonObject Run(AnalysisSpec spec, IReadOnlyList<SiteTable> sites, DisclosureRules? rules = null) =>
        new FederatedEngine().Run(spec, sites, rules ?? DisclosureRules.None).Result;

    /// <summary>The exception a run throws, unwrapped from the engine's parallel site loop.</summary>
    public static TException Throws<TException>(Action run)
        where TException : Exception
    {
        var e = Record.Exception(run);
        while (e is AggregateException { InnerExceptions.Count: 1 } a) e = a.InnerExceptions[0];
        return Assert.IsType<TException>(e, exactMatch: false);
    }

    /// <summary>The comparator's tolerance: |a − e| ≤ 1e-9 or ≤ 1e-6·|e|; null (R's NA) matches only NaN/null.</summary>
    public static void Close(double? expected, JsonNode? actual, string what = "")
    {
        if (expected is null)
        {
            Assert.True(actual is null, $"{what}: expected null (NA), got {actual?.ToJsonString()}");
            return;
        }
        Assert.True(actual is not null, $"{what}: expected {expected}, got null");
        var a = actual.GetValue<double>();
        var e = expected.Value;
        Assert.True(Math.Abs(a - e) <= Math.Max(1e-9, 1e-6 * Math.Abs(e)),
            string.Create(CultureInfo.InvariantCulture, $"{what}: expected {e:R}, got {a:R}"));
    }
}

using ClinicalTrials.Statistics.Data;

namespace ClinicalTrials.Benchmarks.Verbs;

/// <summary>Seeded synthetic site tables for the statistics benchmark.</summary>
public static class Synthetic
{
    private static readonly double[] CoxBeta = [0.5, -0.3, 0.2, 0.0, 0.1];
    private static readonly double[] LogitBeta = [0.4, -0.2, 0.3, 0.1, -0.1, 0.2, 0.0, -0.3, 0.15, 0.05];

    /// <summary>A site of <paramref name="n"/> participants: x1..x10 ~ N(0,1), Cox times, logistic outcome.</summary>
    public static SiteTable Site(int site, int n, int seed)
    {
        var rng = new Random(seed);
        var x = Enumerable.Range(0, 10).Select(_ => new double[n]).ToArray();
        var time = new double[n];
        var status = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < 10; j++) x[j][i] = Normal(rng);
            var eta = 0.0;
            for (var j = 0; j < 5; j++) eta += CoxBeta[j] * x[j][i];
            var t = -Math.Log(1 - rng.NextDouble()) / (0.001 * Math.Exp(eta));
            var c = 365 * 3 * rng.NextDouble();
            // Whole days, as trial data are recorded: gives the tied event times Efron is for.
            time[i] = Math.Max(1, Math.Ceiling(Math.Min(t, c)));
            status[i] = t <= c ? 1 : 0;
            var lp = -0.5;
            for (var j = 0; j < 10; j++) lp += LogitBeta[j] * x[j][i];
            y[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-lp)) ? 1 : 0;
        }
        var columns = new List<Column>();
        for (var j = 0; j < 10; j++) columns.Add(Column.FromNumbers($"x{j + 1}", x[j]));
        columns.Add(Column.FromNumbers("time", time));
        columns.Add(Column.FromNumbers("status", status));
        columns.Add(Column.FromNumbers("y", y));
        return new SiteTable(site, columns);
    }

    /// <summary>All rows of all sites as one site (the pooled baseline).</summary>
    public static SiteTable Pool(IReadOnlyList<SiteTable> sites)
    {
        var names = sites[0].ColumnNames.Where(n => n != "site").ToArray();
        return new SiteTable(1, names.Select(name =>
            Column.FromNumbers(name, sites.SelectMany(s => Enumerable.Range(0, s.RowCount).Select(i => s[name].Number(i))).ToArray())));
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}

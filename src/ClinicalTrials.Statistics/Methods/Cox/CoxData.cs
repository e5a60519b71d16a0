using System.Text.Json;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Methods.Regression;

namespace ClinicalTrials.Statistics.Methods.Cox;

/// <summary>
/// A site's rows for one Cox spec, built once per table: sorted by (possibly binned) time, latest
/// first, with covariates centred at the site's own means (row-major n×p) so exp(η) stays moderate.
/// </summary>
internal sealed class CoxData
{
    private CoxData(int n, int p, int events, double[] x, double[] times, bool[] died, double[] centre)
    {
        N = n;
        P = p;
        Events = events;
        X = x;
        Times = times;
        Died = died;
        Centre = centre;
    }

    public int N { get; }

    public int P { get; }

    public int Events { get; }

    /// <summary>Centred covariates in time order (latest first).</summary>
    public double[] X { get; }

    /// <summary>Times, descending.</summary>
    public double[] Times { get; }

    /// <summary>Event indicators in the same order.</summary>
    public bool[] Died { get; }

    /// <summary>The site's covariate means (the centre of <see cref="X"/>).</summary>
    public double[] Centre { get; }

    public static string Key(CoxSpec spec, double? binWidth) =>
        $"cox|{spec.Time}|{spec.Event.Name}|{spec.Event.Event}|{binWidth}|{JsonSerializer.Serialize(spec.Terms, SapJson.Options)}";

    /// <summary>Builds on the complete cases; <paramref name="binWidth"/> coarsens each time up to the end of its bin.</summary>
    public static CoxData Build(SiteTable table, CoxSpec spec, double? binWidth)
    {
        var design = DesignMatrix.Build(table, spec.Terms, intercept: false, [spec.Time, spec.Event.Name]);
        var timeColumn = table[spec.Time];
        if (!timeColumn.IsNumeric)
            throw new AnalysisException($"site {table.Site}: time column '{spec.Time}' holds text; follow-up times must be numbers");
        var status = BinaryValues.Read(table, spec.Event, design.Rows, "event indicator");
        int n = design.N, p = design.P;

        var centre = new double[p];
        for (var i = 0; i < n; i++)
        {
            var row = design.Row(i);
            for (var j = 0; j < p; j++) centre[j] += row[j];
        }
        for (var j = 0; j < p; j++) centre[j] = n == 0 ? 0 : centre[j] / n;

        var keys = new double[n];
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            var t = timeColumn.Number(design.Rows[i]);
            if (binWidth is { } w) t = Math.Ceiling(t / w) * w;
            keys[i] = -t;
            order[i] = i;
        }
        Array.Sort(keys, order);

        var x = new double[n * p];
        var times = new double[n];
        var died = new bool[n];
        var events = 0;
        for (var k = 0; k < n; k++)
        {
            var i = order[k];
            var row = design.Row(i);
            for (var j = 0; j < p; j++) x[k * p + j] = row[j] - centre[j];
            times[k] = -keys[k];
            died[k] = status[i] == 1;
            if (died[k]) events++;
        }
        return new CoxData(n, p, events, x, times, died, centre);
    }
}

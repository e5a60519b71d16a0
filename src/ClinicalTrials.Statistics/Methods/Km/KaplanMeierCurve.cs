using ClinicalTrials.Statistics.Methods.Survival;
using ClinicalTrials.Statistics.Numerics;

namespace ClinicalTrials.Statistics.Methods.Km;

/// <summary>
/// R's <c>survfit</c> Kaplan–Meier curve of one group from its pooled survival table, with
/// Greenwood errors and log-transformed 95% bands, and the summaries R derives from it. The curve
/// starts with R's <c>survfit0</c> row (time min(0, first time), survival 1) as <c>summary</c> does.
/// </summary>
internal sealed class KaplanMeierCurve
{
    // R's sqrt(.Machine$double.eps), the tolerance of survmean's median rule.
    private static readonly double Tolerance = Math.Sqrt(2.220446049250313e-16);
    private static readonly double Z = Probability.NormalQuantile(0.975);

    private readonly double[] _time;
    private readonly int[] _risk;
    private readonly double[] _surv;
    private readonly double[] _logSe;
    private readonly double[] _lower;
    private readonly double[] _upper;

    private KaplanMeierCurve(double[] time, int[] risk, double[] surv, double[] logSe, double[] lower, double[] upper)
    {
        _time = time;
        _risk = risk;
        _surv = surv;
        _logSe = logSe;
        _lower = lower;
        _upper = upper;
    }

    /// <summary>The curve of level 0 of <paramref name="pool"/>.</summary>
    public static KaplanMeierCurve Of(PooledEventTimes pool)
    {
        var times = pool.Times;
        var start = Math.Min(0, times.Length == 0 ? 0 : times[0]);
        var offset = times.Length > 0 && times[0] == start ? 0 : 1;
        var m = times.Length + offset;
        var time = new double[m];
        var risk = new int[m];
        var surv = new double[m];
        var logSe = new double[m];
        var lower = new double[m];
        var upper = new double[m];
        if (offset == 1)
        {
            time[0] = start;
            risk[0] = pool.N(0);
            surv[0] = lower[0] = upper[0] = 1;
        }
        double s = 1, varhaz = 0;
        for (var j = 0; j < times.Length; j++)
        {
            int n = pool.AtRisk[0][j], d = pool.Events[0][j];
            if (d > 0)
            {
                s *= (double)(n - d) / n;
                // Greenwood's sum; R makes it infinite once everyone at risk has had the event.
                varhaz = n > d ? varhaz + (double)d / ((double)n * (n - d)) : double.PositiveInfinity;
            }
            var i = j + offset;
            time[i] = times[j];
            risk[i] = n;
            surv[i] = s;
            logSe[i] = Math.Sqrt(varhaz);
            lower[i] = s == 0 ? double.NaN : Math.Exp(Math.Log(s) - Z * logSe[i]);
            upper[i] = s == 0 ? double.NaN : Math.Min(Math.Exp(Math.Log(s) + Z * logSe[i]), 1);
        }
        return new KaplanMeierCurve(time, risk, surv, logSe, lower, upper);
    }

    /// <summary>Median survival (R's <c>summary(fit)$table</c> "median").</summary>
    public double Median => FirstBelowHalf(_surv);

    /// <summary>Lower 95% limit of the median ("0.95LCL").</summary>
    public double MedianLower => FirstBelowHalf(_lower);

    /// <summary>Upper 95% limit of the median ("0.95UCL").</summary>
    public double MedianUpper => FirstBelowHalf(_upper);

    /// <summary>The estimate at <paramref name="t"/> as <c>summary(fit, times = t, extend = TRUE)</c>.</summary>
    public KmTimePoint At(double t)
    {
        // findInterval: the last curve time ≤ t, else the first row; at risk: the first curve time ≥ t, else nobody.
        var last = 0;
        while (last + 1 < _time.Length && _time[last + 1] <= t) last++;
        var next = 0;
        while (next < _time.Length && _time[next] < t) next++;
        return new KmTimePoint
        {
            Time = t,
            Survival = _surv[last],
            StdErr = _logSe[last] * _surv[last],
            ConfLow = _lower[last],
            ConfHigh = _upper[last],
            NRisk = next < _time.Length ? _risk[next] : 0,
        };
    }

    // survmean's minmin: the first time y ≤ 0.5 (to tolerance); when y sits at exactly 0.5 over an
    // interval, the midpoint of that interval's start and the time y drops below it.
    private double FirstBelowHalf(double[] y)
    {
        var kept = Enumerable.Range(0, y.Length).Where(i => !double.IsNaN(y[i]) && y[i] < 0.5 + Tolerance).ToArray();
        if (kept.Length == 0) return double.NaN;
        var first = kept[0];
        if (Math.Abs(y[first] - 0.5) < Tolerance)
            foreach (var i in kept)
                if (y[i] < y[first]) return (_time[first] + _time[i]) / 2;
        return _time[first];
    }
}

using System.Runtime.CompilerServices;

namespace ClinicalTrials.Statistics.Methods.Cox;

/// <summary>
/// The Cox partial log-likelihood, score and information, accumulated over distinct times from the
/// latest to the earliest. At each time the subjects leaving at it join the risk set (running sums
/// S0, S1, S2 of r, r·x, r·x xᵀ with r = exp(η − offset)), the deaths at it form the tie group, and
/// <see cref="EndTime"/> adds the group's terms with Efron's or Breslow's handling of ties, exactly
/// as R's coxph. Rows can be fed one by one (at a site) or as per-time sums (the pooled combine).
/// </summary>
internal sealed class CoxAccumulator
{
    private readonly int _p;
    private readonly bool _efron;
    private readonly double[] _s1, _s2, _d1, _d2, _dx, _a;
    private double _s0, _d0, _deathEta;
    private int _deaths;

    public CoxAccumulator(int p, bool efron)
    {
        _p = p;
        _efron = efron;
        var q = p * (p + 1) / 2;
        _s1 = new double[p];
        _s2 = new double[q];
        _d1 = new double[p];
        _d2 = new double[q];
        _dx = new double[p];
        _a = new double[p];
        Score = new double[p];
        Information = new double[q];
    }

    /// <summary>Log partial likelihood so far.</summary>
    public double LogLik { get; private set; }

    /// <summary>Score so far.</summary>
    public double[] Score { get; }

    /// <summary>Information so far, packed upper triangle.</summary>
    public double[] Information { get; }

    /// <summary>A subject leaving at the current time joins the risk set; <paramref name="r"/> = exp(η − offset).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddAtRisk(double r, ReadOnlySpan<double> x)
    {
        _s0 += r;
        var idx = 0;
        for (var j = 0; j < x.Length; j++)
        {
            var rx = r * x[j];
            _s1[j] += rx;
            for (var k = j; k < x.Length; k++) _s2[idx++] += rx * x[k];
        }
    }

    /// <summary>A death at the current time (call after or before its <see cref="AddAtRisk"/>; both are needed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddDeath(double r, double etaMinusOffset, ReadOnlySpan<double> x)
    {
        _deaths++;
        _deathEta += etaMinusOffset;
        for (var j = 0; j < x.Length; j++) _dx[j] += x[j];
        if (!_efron) return;
        _d0 += r;
        var idx = 0;
        for (var j = 0; j < x.Length; j++)
        {
            var rx = r * x[j];
            _d1[j] += rx;
            for (var k = j; k < x.Length; k++) _d2[idx++] += rx * x[k];
        }
    }

    /// <summary>Sums over the subjects leaving at the current time join the risk set.</summary>
    public void AddAtRiskSums(double s0, ReadOnlySpan<double> s1, ReadOnlySpan<double> s2)
    {
        _s0 += s0;
        for (var j = 0; j < _p; j++) _s1[j] += s1[j];
        for (var j = 0; j < _s2.Length; j++) _s2[j] += s2[j];
    }

    /// <summary>
    /// Sums over deaths at the current time: count, Σ(η − offset), Σx, and for Efron Σr, Σr·x, Σr·x xᵀ.
    /// </summary>
    public void AddDeathSums(int deaths, double etaMinusOffset, ReadOnlySpan<double> x, double r0, ReadOnlySpan<double> r1, ReadOnlySpan<double> r2)
    {
        _deaths += deaths;
        _deathEta += etaMinusOffset;
        for (var j = 0; j < _p; j++) _dx[j] += x[j];
        if (!_efron) return;
        _d0 += r0;
        for (var j = 0; j < _p; j++) _d1[j] += r1[j];
        for (var j = 0; j < _d2.Length; j++) _d2[j] += r2[j];
    }

    /// <summary>Closes the current time: adds the tie group's terms and clears it.</summary>
    public void EndTime()
    {
        if (_deaths == 0) return;
        var p = _p;
        LogLik += _deathEta;
        for (var j = 0; j < p; j++) Score[j] += _dx[j];
        if (!_efron || _deaths == 1)
        {
            // Breslow (and a single death under Efron): d copies of the full risk set's terms.
            double d = _deaths, s0 = _s0;
            LogLik -= d * Math.Log(s0);
            for (var j = 0; j < p; j++)
            {
                _a[j] = _s1[j] / s0;
                Score[j] -= d * _a[j];
            }
            var idx = 0;
            for (var j = 0; j < p; j++)
                for (var k = j; k < p; k++, idx++)
                    Information[idx] += d * (_s2[idx] / s0 - _a[j] * _a[k]);
        }
        else
        {
            // Efron: the k-th of d tied deaths sees the risk set minus k/d of the dying subjects' weight.
            for (var m = 0; m < _deaths; m++)
            {
                var f = (double)m / _deaths;
                var s0 = _s0 - f * _d0;
                LogLik -= Math.Log(s0);
                for (var j = 0; j < p; j++)
                {
                    _a[j] = (_s1[j] - f * _d1[j]) / s0;
                    Score[j] -= _a[j];
                }
                var idx = 0;
                for (var j = 0; j < p; j++)
                    for (var k = j; k < p; k++, idx++)
                        Information[idx] += (_s2[idx] - f * _d2[idx]) / s0 - _a[j] * _a[k];
            }
        }
        _deaths = 0;
        _deathEta = 0;
        _d0 = 0;
        Array.Clear(_dx);
        Array.Clear(_d1);
        Array.Clear(_d2);
    }
}

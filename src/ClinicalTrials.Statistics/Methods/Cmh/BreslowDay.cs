using ClinicalTrials.Statistics.Numerics;

namespace ClinicalTrials.Statistics.Methods.Cmh;

/// <summary>
/// Breslow–Day homogeneity test at the Mantel–Haenszel common OR ψ, without Tarone's correction,
/// as the reference kit: strata whose exposed-event count is fixed by the margins are skipped.
/// </summary>
internal static class BreslowDay
{
    public static BreslowDayResult Test(IReadOnlyList<CmhAggregate> strata, double psi)
    {
        var statistic = 0.0;
        var used = 0;
        foreach (var s in strata)
        {
            double n1 = s.TreatedEvent + s.TreatedNoEvent, n0 = s.ControlEvent + s.ControlNoEvent, t1 = s.TreatedEvent + s.ControlEvent;
            var lo = Math.Max(0, t1 - n0);
            var hi = Math.Min(n1, t1);
            if (hi <= lo) continue;
            var ea = ExpectedA(n1, n0, t1, psi, lo, hi);
            var v = 1 / (1 / ea + 1 / (n1 - ea) + 1 / (t1 - ea) + 1 / (n0 - t1 + ea));
            statistic += (s.TreatedEvent - ea) * (s.TreatedEvent - ea) / v;
            used++;
        }
        var df = used - 1.0;
        return new BreslowDayResult(statistic, df, df > 0 ? Probability.ChiSquareUpper(statistic, df) : double.NaN);
    }

    /// <summary>
    /// E[a] given the margins at odds ratio ψ: the root in (lo, hi) of
    /// a(n0 − t1 + a) − ψ(n1 − a)(t1 − a) = 0, a quadratic (1 − ψ)a² + (n0 − t1 + ψ(n1 + t1))a − ψ n1 t1.
    /// </summary>
    private static double ExpectedA(double n1, double n0, double t1, double psi, double lo, double hi)
    {
        double F(double x) => x * (n0 - t1 + x) - psi * (n1 - x) * (t1 - x);
        var qa = 1 - psi;
        var qb = n0 - t1 + psi * (n1 + t1);
        var qc = -psi * n1 * t1;
        double root;
        if (Math.Abs(qa) < 1e-12 * Math.Max(1, Math.Abs(qb)))
            root = -qc / qb;
        else
        {
            // Citardauq form for the root that would suffer cancellation.
            var disc = Math.Sqrt(Math.Max(0, qb * qb - 4 * qa * qc));
            var q = -0.5 * (qb + Math.CopySign(disc, qb));
            var r1 = q / qa;
            var r2 = qc / q;
            root = r1 >= lo && r1 <= hi ? r1 : r2;
        }
        if (!(root >= lo && root <= hi)) root = Bisect(F, lo, hi);
        // One Newton polish step: the quadratic's derivative is 2(1 − ψ)a + qb.
        var d = 2 * qa * root + qb;
        if (d != 0)
        {
            var polished = root - F(root) / d;
            if (polished >= lo && polished <= hi && Math.Abs(F(polished)) <= Math.Abs(F(root))) root = polished;
        }
        return root;
    }

    private static double Bisect(Func<double, double> f, double lo, double hi)
    {
        var flo = f(lo);
        for (var i = 0; i < 200 && hi - lo > 1e-14 * Math.Max(1, Math.Abs(hi)); i++)
        {
            var mid = 0.5 * (lo + hi);
            var fm = f(mid);
            if (Math.Sign(fm) == Math.Sign(flo)) { lo = mid; flo = fm; } else hi = mid;
        }
        return 0.5 * (lo + hi);
    }
}

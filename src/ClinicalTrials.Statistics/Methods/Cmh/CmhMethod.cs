using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Numerics;

namespace ClinicalTrials.Statistics.Methods.Cmh;

/// <summary>
/// Cochran–Mantel–Haenszel test stratified by site, the Mantel–Haenszel common odds ratio with its
/// confidence interval, and the Breslow–Day homogeneity test, as the reference kit's <c>run_cmh</c>.
/// Each site releases its 2×2 table; sites without rows are not strata.
/// </summary>
public sealed class CmhMethod : FederatedMethod<CmhSpec, CmhAggregate>
{
    /// <inheritdoc />
    public override string Type => "cmh";

    /// <inheritdoc />
    protected override CmhAggregate SiteStep(SiteTable data, CmhSpec spec, RoundRequest request, DisclosureRules rules)
    {
        CheckSpec(spec);
        var exposure = data[spec.Exposure];
        var outcome = data[spec.Outcome];
        int te = 0, tn = 0, ce = 0, cn = 0;
        foreach (var i in data.CompleteCases(spec.Variables()))
        {
            var e = exposure.Key(i);
            var isEvent = outcome.Key(i) == spec.OutcomeEvent;
            if (e == spec.ExposureLevels[0]) { if (isEvent) te++; else tn++; }
            else if (e == spec.ExposureLevels[1]) { if (isEvent) ce++; else cn++; }
        }
        CheckCell(data.Site, rules, spec, te, 0, true);
        CheckCell(data.Site, rules, spec, tn, 0, false);
        CheckCell(data.Site, rules, spec, ce, 1, true);
        CheckCell(data.Site, rules, spec, cn, 1, false);
        return new CmhAggregate(te, tn, ce, cn);
    }

    /// <inheritdoc />
    protected override CombineOutcome Combine(CmhSpec spec, RoundRequest request, IReadOnlyList<(int Site, CmhAggregate Aggregate)> aggregates)
    {
        CheckSpec(spec);
        var strata = aggregates.Where(a => a.Aggregate.Total > 0).ToList();
        foreach (var (site, a) in strata)
            if (a.Total < 2)
                throw new AnalysisException($"CMH test: site {site} (a stratum) has {a.Total} row with {spec.Exposure} in [{string.Join(", ", spec.ExposureLevels)}]; each stratum needs at least 2");
        if (strata.Count < 2)
            throw new AnalysisException($"CMH test: {strata.Count} site(s) have rows with {spec.Exposure} in [{string.Join(", ", spec.ExposureLevels)}]; at least 2 strata are needed");

        double delta = 0, variance = 0, diag = 0, offDiag = 0;
        double sumDiagDiag = 0, sumCross = 0, sumOffOff = 0;
        foreach (var (_, s) in strata)
        {
            double a = s.TreatedEvents, b = s.TreatedNonEvents, c = s.ControlEvents, d = s.ControlNonEvents;
            var n = a + b + c + d;
            double n1 = a + b, n0 = c + d, t1 = a + c, t0 = b + d;
            delta += a - n1 * t1 / n;
            variance += n1 * n0 * t1 * t0 / (n * n * (n - 1));
            diag += a * d / n;
            offDiag += b * c / n;
            // Robins–Breslow–Greenland terms, as R's mantelhaen.test.
            sumDiagDiag += (a + d) * a * d / (n * n);
            sumCross += ((a + d) * b * c + (b + c) * a * d) / (n * n);
            sumOffOff += (b + c) * b * c / (n * n);
        }
        var statistic = delta * delta / variance;
        var or = diag / offDiag;
        var sdLog = Math.Sqrt(sumDiagDiag / (2 * diag * diag) + sumCross / (2 * diag * offDiag) + sumOffOff / (2 * offDiag * offDiag));
        var z = -Probability.NormalQuantile(0.025);
        return Done(new CmhResult(statistic, 1, ChiSquareUpper(statistic, 1), or,
            or * Math.Exp(-z * sdLog), or * Math.Exp(z * sdLog), BreslowDay(strata.Select(s => s.Aggregate), or)));
    }

    /// <summary>Breslow–Day statistic at <paramref name="psi"/>, as the kit's <c>breslow_day</c> (no Tarone correction).</summary>
    internal static BreslowDayResult BreslowDay(IEnumerable<CmhAggregate> strata, double psi)
    {
        var statistic = 0.0;
        var used = 0;
        foreach (var s in strata)
        {
            double a = s.TreatedEvents;
            double n1 = s.TreatedEvents + s.TreatedNonEvents, n0 = s.ControlEvents + s.ControlNonEvents, t1 = s.TreatedEvents + s.ControlEvents;
            double lo = Math.Max(0, t1 - n0), hi = Math.Min(n1, t1);
            // The exposed-event count is fixed by the margins: the stratum says nothing about homogeneity.
            if (hi <= lo) continue;
            var ea = ExpectedA(n1, n0, t1, psi, lo, hi);
            var v = 1 / (1 / ea + 1 / (n1 - ea) + 1 / (t1 - ea) + 1 / (n0 - t1 + ea));
            statistic += (a - ea) * (a - ea) / v;
            used++;
        }
        var df = used - 1;
        return new BreslowDayResult(statistic, df, ChiSquareUpper(statistic, df));
    }

    /// <summary>
    /// The root in (lo, hi) of f(x) = x(n0 − t1 + x) − ψ(n1 − x)(t1 − x), i.e. of
    /// (1 − ψ)x² + (n0 − t1 + ψ(n1 + t1))x − ψ n1 t1 = 0, in the cancellation-free form of the
    /// quadratic formula, then polished by safeguarded Newton steps (f increases on the interval).
    /// </summary>
    internal static double ExpectedA(double n1, double n0, double t1, double psi, double lo, double hi)
    {
        double F(double x) => x * (n0 - t1 + x) - psi * (n1 - x) * (t1 - x);
        double qa = 1 - psi, qb = n0 - t1 + psi * (n1 + t1), qc = -psi * n1 * t1;
        double x;
        if (Math.Abs(qa) <= 1e-15 * Math.Max(1, Math.Abs(qb)))
            x = -qc / qb;
        else
        {
            var q = -0.5 * (qb + Math.CopySign(Math.Sqrt(Math.Max(0, qb * qb - 4 * qa * qc)), qb));
            double r1 = q / qa, r2 = qc / q;
            x = Math.Abs(r1 - Math.Clamp(r1, lo, hi)) <= Math.Abs(r2 - Math.Clamp(r2, lo, hi)) ? r1 : r2;
        }
        if (!double.IsFinite(x)) x = 0.5 * (lo + hi);
        x = Math.Clamp(x, lo, hi);
        for (var i = 0; i < 50; i++)
        {
            var f = F(x);
            if (f == 0) break;
            if (f < 0) lo = x; else hi = x;
            var slope = n0 - t1 + 2 * x + psi * (n1 + t1 - 2 * x);
            var next = x - f / slope;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (Math.Abs(next - x) <= 1e-16 * Math.Max(1, Math.Abs(x))) { x = next; break; }
            x = next;
        }
        return x;
    }

    // R's pchisq(x, 0, lower.tail = FALSE) is 0 for x > 0: χ²_0 is a point mass at 0.
    private static double ChiSquareUpper(double x, int df) =>
        double.IsNaN(x) ? double.NaN : df == 0 ? (x > 0 ? 0 : 1) : Probability.ChiSquareUpper(x, df);

    private static void CheckSpec(CmhSpec spec)
    {
        if (spec.Strata != "site")
            throw new AnalysisException($"CMH test: strata '{spec.Strata}' is not supported; each site is a stratum (strata = \"site\")");
        if (spec.ExposureLevels.Count != 2 || spec.ExposureLevels[0] == spec.ExposureLevels[1])
            throw new AnalysisException($"CMH test: exposure_levels of '{spec.Exposure}' must be two different levels [treated, control], got [{string.Join(", ", spec.ExposureLevels)}]");
    }

    private static void CheckCell(int site, DisclosureRules rules, CmhSpec spec, int count, int level, bool isEvent)
    {
        if (count > 0 && count < rules.MinCellCount)
            throw new DisclosureRefusedException(site, DisclosureRule.MinCellCount,
                $"cell {spec.Exposure} = '{spec.ExposureLevels[level]}', {spec.Outcome} {(isEvent ? "=" : "≠")} '{spec.OutcomeEvent}' has {count} row(s); the site releases non-zero counts only of at least {rules.MinCellCount}");
    }
}

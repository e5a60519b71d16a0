using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Numerics;

namespace ClinicalTrials.Statistics.Methods.Cmh;

/// <summary>
/// Cochran–Mantel–Haenszel test over sites as strata (no continuity correction), the MH common
/// odds ratio with the Robins–Breslow–Greenland interval (as R's <c>mantelhaen.test</c>), and the
/// Breslow–Day homogeneity test. Each site sends only its 2×2 table.
/// </summary>
public sealed class CmhMethod : FederatedMethod<CmhSpec, CmhAggregate>
{
    /// <summary>Rule name of <see cref="DisclosureRules.MinCellCount"/>.</summary>
    public const string MinCellCountRule = "min_cell_count";

    /// <inheritdoc />
    public override string Type => "cmh";

    /// <inheritdoc />
    public override RoundRequest Start(AnalysisSpec spec, IReadOnlyList<int> sites)
    {
        if (spec is CmhSpec c)
        {
            if (c.Strata != "site")
                throw new AnalysisException($"cmh '{c.Id}': strata must be 'site' (each site is a stratum), got '{c.Strata}'");
            if (c.ExposureLevels.Count != 2)
                throw new AnalysisException($"cmh '{c.Id}': exposure_levels must be [treated, control], got {c.ExposureLevels.Count} level(s)");
        }
        return base.Start(spec, sites);
    }

    /// <inheritdoc />
    protected override CmhAggregate SiteStep(SiteTable data, CmhSpec spec, RoundRequest request, DisclosureRules rules)
    {
        var exposure = data[spec.Exposure];
        var outcome = data[spec.Outcome];
        long te = 0, tn = 0, ce = 0, cn = 0;
        foreach (var r in data.CompleteCases(spec.Variables()))
        {
            var e = exposure.Key(r);
            var y = outcome.Key(r) == spec.OutcomeEvent;
            if (e == spec.ExposureLevels[0]) { if (y) te++; else tn++; }
            else if (e == spec.ExposureLevels[1]) { if (y) ce++; else cn++; }
        }
        var table = new CmhAggregate(te, tn, ce, cn);
        foreach (var (n, level, ev) in new[] { (te, 0, true), (tn, 0, false), (ce, 1, true), (cn, 1, false) })
            if (n > 0 && n < rules.MinCellCount)
                throw new DisclosureRefusedException(data.Site, MinCellCountRule,
                    $"the cell {spec.Exposure} = '{spec.ExposureLevels[level]}', {spec.Outcome} {(ev ? "=" : "≠")} '{spec.OutcomeEvent}' holds {n} row(s), fewer than the minimum cell count of {rules.MinCellCount}");
        return table;
    }

    /// <inheritdoc />
    protected override CombineOutcome Combine(CmhSpec spec, RoundRequest request, IReadOnlyList<(int Site, CmhAggregate Aggregate)> aggregates)
    {
        // R's strata are the sites that have rows after filtering; a stratum of one row is an error there too.
        var strata = aggregates.Where(a => a.Aggregate.Total > 0).ToList();
        if (strata.Count == 0)
            throw new AnalysisException($"cmh '{spec.Id}': no rows with {spec.Exposure} in [{string.Join(", ", spec.ExposureLevels)}] and a non-missing {spec.Outcome}");
        var tiny = strata.FirstOrDefault(s => s.Aggregate.Total < 2);
        if (tiny != default)
            throw new AnalysisException($"cmh '{spec.Id}': site {tiny.Site} has a stratum of {tiny.Aggregate.Total} row; each stratum needs more than one");

        double sx = 0, mean = 0, variance = 0, diag = 0, offd = 0, rgb1 = 0, rgb2 = 0, rgb3 = 0;
        foreach (var (_, s) in strata)
        {
            double a = s.TreatedEvent, b = s.TreatedNoEvent, c = s.ControlEvent, d = s.ControlNoEvent;
            var t = a + b + c + d;
            var m = a + b;   // treated (row 1) total
            var n = a + c;   // events (column 1) total
            sx += a;
            mean += m * n / t;
            variance += m * n * (t - m) * (t - n) / (t * t * (t - 1));
            diag += a * d / t;
            offd += b * c / t;
            rgb1 += (a + d) * a * d / (t * t);
            rgb2 += ((a + d) * b * c + (b + c) * a * d) / (t * t);
            rgb3 += (b + c) * b * c / (t * t);
        }
        var delta = sx - mean;
        var statistic = delta * delta / variance;
        var or = diag / offd;
        var sd = Math.Sqrt(rgb1 / (2 * diag * diag) + rgb2 / (2 * diag * offd) + rgb3 / (2 * offd * offd));
        var z = Probability.NormalQuantile(0.975);
        var bd = BreslowDay.Test(strata.Select(s => s.Aggregate).ToList(), or);
        return Done(new CmhResult(statistic, 1, Probability.ChiSquareUpper(statistic, 1), or, or * Math.Exp(-z * sd), or * Math.Exp(z * sd), bd));
    }
}

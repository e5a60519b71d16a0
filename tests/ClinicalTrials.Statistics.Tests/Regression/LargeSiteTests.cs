using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;
using ClinicalTrials.Statistics.Tests.Support;

namespace ClinicalTrials.Statistics.Tests.Regression;

/// <summary>
/// Many rows in one site: sums over hundreds of thousands of rows carry rounding that must neither
/// stall the convergence test nor trigger step-halving, and the federated fit must equal the pooled one.
/// </summary>
public sealed class LargeSiteTests
{
    private const int Rows = 300_000;
    private const int Sites = 10;

    private static SiteTable[] Tables(out SiteTable pooled)
    {
        var rng = new Random(20261125);
        var n = Rows;
        var x0 = new double[n];
        var x1 = new double[n];
        var x2 = new double[n];
        var y = new double[n];
        var time = new double[n];
        var status = new double[n];
        for (var i = 0; i < n; i++)
        {
            // x0 has a large mean, so the intercept and x0 are nearly collinear (the hard case for sums).
            x0[i] = 50 + Gauss(rng);
            x1[i] = Gauss(rng);
            x2[i] = rng.NextDouble() < 0.3 ? 1 : 0;
            var eta = -0.4 + 0.3 * (x0[i] - 50) - 0.2 * x1[i] + 0.5 * x2[i];
            y[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-eta)) ? 1 : 0;
            time[i] = Math.Ceiling(-Math.Log(1 - rng.NextDouble()) / Math.Exp(eta) * 100);
            status[i] = rng.NextDouble() < 0.7 ? 1 : 0;
        }
        (string, double[])[] columns = [("x0", x0), ("x1", x1), ("x2", x2), ("y", y), ("time", time), ("status", status)];
        pooled = RegressionTables.Numeric(1, columns);
        return RegressionTables.Split(Sites, columns).ToArray();
    }

    private static double Gauss(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    private static readonly TermSpec[] Terms = new[] { "x0", "x1", "x2" }.Select(n => new TermSpec { Name = n, Type = TermType.Numeric }).ToArray();

    [Fact]
    public void Logistic_on_many_rows_converges_and_federated_equals_pooled()
    {
        var sites = Tables(out var pooled);
        var spec = new LogisticSpec { Id = "big", Outcome = "y", Terms = Terms };
        var engine = new FederatedEngine();
        var one = engine.Run(spec, [pooled]);
        var many = engine.Run(spec, sites);
        Assert.InRange(one.Rounds.Count, 3, 10);
        Assert.Empty(ReferenceComparer.Compare(one.Result, many.Result));
    }

    [Fact]
    public void Pooled_risk_set_cox_on_many_rows_equals_the_single_site_fit()
    {
        var sites = Tables(out var pooled);
        var spec = new CoxSpec { Id = "big", Time = "time", Event = "status", Terms = Terms };
        var engine = new FederatedEngine();
        var one = engine.Run(spec, [pooled]);
        var many = engine.Run(spec, sites);
        Assert.InRange(one.Rounds.Count, 3, 10);
        Assert.Empty(ReferenceComparer.Compare(one.Result, many.Result));
        // Stratified by site on one site is the same model as the unstratified fit there.
        var stratified = engine.Run(spec with { Strata = "site" }, [pooled]);
        Assert.Empty(ReferenceComparer.Compare(one.Result, stratified.Result));
    }
}

using System.Diagnostics;
using System.Text.Json;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;

namespace ClinicalTrials.Benchmarks.Verbs;

/// <summary>
/// <c>stats</c>: federated vs pooled wall time of the same engine, on synthetic data of
/// 20 sites × 50,000 participants: stratified Cox with 5 covariates, logistic with 10.
/// The pooled baseline is the same spec on all rows as one site, measured in the same run.
/// Aggregate size is also measured at 1/10 of the site size, to show it does not grow with n.
/// </summary>
public static class StatsBenchmark
{
    public static int Run(string[] args)
    {
        var sites = ArgInt(args, "--sites", 20);
        var perSite = ArgInt(args, "--participants", 50_000);
        var repeats = ArgInt(args, "--repeats", 3);

        var cox = new CoxSpec
        {
            Id = "bench_cox", Time = "time", Event = new OutcomeSpec("status"), Strata = "site", Ties = "efron",
            Terms = Enumerable.Range(1, 5).Select(j => new TermSpec { Name = $"x{j}", Type = TermType.Numeric }).ToArray(),
        };
        var logistic = new LogisticSpec
        {
            Id = "bench_logistic", Outcome = new OutcomeSpec("y"),
            Terms = Enumerable.Range(1, 10).Select(j => new TermSpec { Name = $"x{j}", Type = TermType.Numeric }).ToArray(),
        };

        Console.Error.WriteLine($"generating {sites} sites × {perSite} participants …");
        var federated = Enumerable.Range(1, sites).Select(s => Synthetic.Site(s, perSite, seed: 20261125 + s)).ToList();
        var pooled = new[] { Synthetic.Pool(federated) };
        var small = Enumerable.Range(1, sites).Select(s => Synthetic.Site(s, Math.Max(perSite / 10, 100), seed: 7 + s)).ToList();

        var engine = new FederatedEngine();
        // Warm up the JIT and the per-table caches on small data, so both arms measure steady state.
        engine.Run(cox, small);
        engine.Run(logistic, small);

        var (coxFed, coxRun) = Time(() => engine.Run(cox, federated), repeats);
        var (coxPool, _) = Time(() => engine.Run(cox, pooled), repeats);
        var (logFed, logRun) = Time(() => engine.Run(logistic, federated), repeats);
        var (logPool, _) = Time(() => engine.Run(logistic, pooled), repeats);
        var coxSmall = engine.Run(cox, small);
        var logSmall = engine.Run(logistic, small);

        var line = new Dictionary<string, object>
        {
            ["sites"] = sites,
            ["participants_per_site"] = perSite,
            ["cox_covariates"] = 5,
            ["logistic_covariates"] = 10,
            ["cox_federated_s"] = Math.Round(coxFed, 4),
            ["cox_pooled_s"] = Math.Round(coxPool, 4),
            ["cox_ratio"] = Math.Round(coxFed / coxPool, 3),
            ["cox_rounds"] = coxRun.Rounds.Count,
            ["logistic_federated_s"] = Math.Round(logFed, 4),
            ["logistic_pooled_s"] = Math.Round(logPool, 4),
            ["logistic_ratio"] = Math.Round(logFed / logPool, 3),
            ["logistic_rounds"] = logRun.Rounds.Count,
            ["aggregate_bytes_per_site_round"] = Math.Max(coxRun.MaxAggregateBytes, logRun.MaxAggregateBytes),
            ["cox_aggregate_bytes_per_site_round"] = coxRun.MaxAggregateBytes,
            ["logistic_aggregate_bytes_per_site_round"] = logRun.MaxAggregateBytes,
            ["aggregate_bytes_at_one_tenth_site_size"] = Math.Max(coxSmall.MaxAggregateBytes, logSmall.MaxAggregateBytes),
            ["cores"] = Environment.ProcessorCount,
            ["repeats_min_of"] = repeats,
        };
        Console.WriteLine(JsonSerializer.Serialize(line));
        return 0;
    }

    private static (double Seconds, AnalysisRun Run) Time(Func<AnalysisRun> run, int repeats)
    {
        var best = double.MaxValue;
        AnalysisRun? last = null;
        for (var i = 0; i < repeats; i++)
        {
            var sw = Stopwatch.StartNew();
            last = run();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return (best, last!);
    }

    private static int ArgInt(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}

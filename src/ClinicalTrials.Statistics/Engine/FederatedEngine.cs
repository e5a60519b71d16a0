using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;

namespace ClinicalTrials.Statistics.Engine;

/// <summary>
/// Runs an analysis over in-process sites: every round, each site's step runs in parallel on its
/// own table, its aggregate is serialized to UTF-8 JSON bytes and parsed back (what a bus would
/// carry), and the combine step sees only those. The coordinator's grains replace this loop with
/// messages; the functions are the same.
/// </summary>
public sealed class FederatedEngine(FederatedMethods? methods = null)
{
    private readonly FederatedMethods _methods = methods ?? FederatedMethods.All;

    /// <summary>Hard cap on rounds, whatever the spec asks, so a run never hangs.</summary>
    public const int MaxRounds = 500;

    /// <summary>Runs <paramref name="spec"/> over <paramref name="sites"/> with each site applying <paramref name="rules"/>.</summary>
    public AnalysisRun Run(AnalysisSpec spec, IReadOnlyList<SiteTable> sites, DisclosureRules? rules = null) =>
        Run(spec, sites, _ => rules ?? DisclosureRules.None);

    /// <summary>Runs with per-site rules (each site has its own policy).</summary>
    public AnalysisRun Run(AnalysisSpec spec, IReadOnlyList<SiteTable> sites, Func<int, DisclosureRules> rulesOf)
    {
        var method = _methods.For(spec.Type);
        var ids = sites.Select(s => s.Site).Order().ToArray();
        if (ids.Distinct().Count() != ids.Length)
            throw new ArgumentException("site numbers must be distinct");
        var request = method.Start(spec, ids);
        var log = new List<RoundLog>();
        for (var round = 0; round < MaxRounds; round++)
        {
            var bytes = new byte[sites.Count][];
            try
            {
                Parallel.For(0, sites.Count, i =>
                {
                    var element = method.SiteStep(sites[i], request, rulesOf(sites[i].Site));
                    bytes[i] = JsonSerializer.SerializeToUtf8Bytes(element);
                });
            }
            catch (AggregateException e) when (e.InnerExceptions.All(x => x is AnalysisException))
            {
                // A refusal or a data problem at a site is the user's to read, not a parallel-loop wrapper;
                // when several sites object, report the lowest site's reason and how many others did.
                var first = e.InnerExceptions.Cast<AnalysisException>().OrderBy(x => x is DisclosureRefusedException r ? r.Site : int.MaxValue).First();
                if (e.InnerExceptions.Count == 1) ExceptionDispatchInfo.Throw(first);
                throw first is DisclosureRefusedException refused
                    ? new DisclosureRefusedException(refused.Site, refused.Rule, $"{refused.Reason} (and {e.InnerExceptions.Count - 1} other site(s) refused or failed)")
                    : new AnalysisException($"{first.Message} (and {e.InnerExceptions.Count - 1} other site(s) failed)");
            }
            var aggregates = sites.Select((s, i) => new SiteAggregate(s.Site, request.Round, JsonDocument.Parse(bytes[i]).RootElement)).ToList();
            log.Add(new RoundLog(request.Round, bytes.Select(b => (long)b.Length).ToArray()));
            switch (method.Combine(request, aggregates))
            {
                case CombineOutcome.Completed done:
                    return new AnalysisRun(spec.Id, done.Result, log);
                case CombineOutcome.NextRound next:
                    request = next.Request;
                    break;
            }
        }
        throw new AnalysisException($"analysis '{spec.Id}' did not finish within {MaxRounds} rounds");
    }
}

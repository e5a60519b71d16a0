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
            var failures = new AnalysisException?[sites.Count];
            Parallel.For(0, sites.Count, i =>
            {
                try
                {
                    var element = method.SiteStep(sites[i], request, rulesOf(sites[i].Site));
                    bytes[i] = JsonSerializer.SerializeToUtf8Bytes(element);
                }
                catch (AnalysisException e)
                {
                    // A refusal or a data problem at a site is the user's to read; anything else is a bug and propagates.
                    failures[i] = e;
                }
            });
            var failed = sites.Select((s, i) => (s.Site, Error: failures[i])).Where(f => f.Error is not null).OrderBy(f => f.Site).ToList();
            if (failed.Count > 0)
            {
                // Report the lowest-numbered site's reason, and how many others objected.
                var first = failed[0].Error!;
                if (failed.Count == 1) ExceptionDispatchInfo.Throw(first);
                var others = $" (and {failed.Count - 1} other site(s): {string.Join(", ", failed.Skip(1).Select(f => f.Site))})";
                throw first is DisclosureRefusedException refused
                    ? new DisclosureRefusedException(refused.Site, refused.Rule, refused.Reason + others)
                    : new AnalysisException(first.Message + others);
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

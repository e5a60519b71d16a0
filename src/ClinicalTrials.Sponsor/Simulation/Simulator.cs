using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;

namespace ClinicalTrials.Sponsor.Simulation;

/// <summary>
/// Methods validation on a user's own files: runs every analysis federated over the sites of a
/// folder and writes results in the reference kit's <c>expected.json</c> format, so they can be
/// compared mechanically with R's.
/// </summary>
public sealed class Simulator(FederatedEngine engine, TimeProvider time)
{
    /// <summary>Runs the analyses; a failed or refused analysis is reported under its id as <c>_error</c>.</summary>
    public SimulationReport Run(IReadOnlyList<AnalysisSpec> analyses, IReadOnlyList<CsvReadResult> sites, DisclosureRules rules)
    {
        var tables = sites.Select(s => s.Table).ToList();
        var results = new JsonObject();
        var outcomes = new List<AnalysisOutcome>();
        foreach (var spec in analyses)
        {
            var start = time.GetTimestamp();
            try
            {
                var run = engine.Run(spec, tables, rules);
                results[spec.Id] = run.Result;
                outcomes.Add(new AnalysisOutcome(spec.Id, spec.Type, run.Rounds.Count, run.MaxAggregateBytes, time.GetElapsedTime(start), null));
            }
            catch (AnalysisException e)
            {
                results[spec.Id] = new JsonObject { ["_error"] = e.Message };
                outcomes.Add(new AnalysisOutcome(spec.Id, spec.Type, 0, 0, time.GetElapsedTime(start), e.Message));
            }
        }
        results["_meta"] = Meta(sites, rules, outcomes);
        return new SimulationReport(results, outcomes, sites.SelectMany(s => s.Rejected).ToList());
    }

    private static JsonObject Meta(IReadOnlyList<CsvReadResult> sites, DisclosureRules rules, List<AnalysisOutcome> outcomes) => new()
    {
        ["engine"] = $"ClinicalTrials.Statistics {typeof(FederatedEngine).Assembly.GetName().Version}",
        ["mode"] = "simulate: in-process sites, every aggregate round-tripped through JSON",
        ["sites"] = new JsonArray(sites.Select(s => (JsonNode)s.Table.Site).ToArray()),
        ["rows_per_site"] = new JsonObject(sites.Select(s => KeyValuePair.Create("site" + s.Table.Site, (JsonNode?)s.Table.RowCount))),
        ["rejected_rows"] = sites.Sum(s => s.Rejected.Count),
        ["policy"] = JsonSerializer.SerializeToNode(rules, StatsJson.Options),
        ["runs"] = new JsonObject(outcomes.Select(o => KeyValuePair.Create(o.Id, (JsonNode?)new JsonObject
        {
            ["type"] = o.Type,
            ["rounds"] = o.Rounds,
            ["max_aggregate_bytes"] = o.MaxAggregateBytes,
            ["milliseconds"] = Math.Round(o.Elapsed.TotalMilliseconds, 3),
        }))),
    };
}

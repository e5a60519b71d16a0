using System.Text.Json.Nodes;

namespace ClinicalTrials.Statistics.Engine;

/// <summary>The result of a run and what crossed the wire for it.</summary>
public sealed record AnalysisRun(string Id, JsonObject Result, IReadOnlyList<RoundLog> Rounds)
{
    /// <summary>Largest aggregate of any site in any round, in bytes.</summary>
    public long MaxAggregateBytes => Rounds.Count == 0 ? 0 : Rounds.Max(r => r.AggregateBytes.DefaultIfEmpty().Max());
}

using System.Text.Json;
using ClinicalTrials.Core.Sap;

namespace ClinicalTrials.Statistics.Engine;

/// <summary>
/// What the coordinator asks every site in one round. Sites read <see cref="Spec"/>,
/// <see cref="Round"/>, <see cref="Sites"/> and <see cref="Beta"/>; <see cref="State"/> is the
/// coordinator's own bookkeeping between rounds (kept for replay, ignored by sites).
/// </summary>
public sealed record RoundRequest
{
    /// <summary>The analysis.</summary>
    public required AnalysisSpec Spec { get; init; }

    /// <summary>Round number, from 0.</summary>
    public int Round { get; init; }

    /// <summary>The participating sites, ascending (site factors and strata are defined on these).</summary>
    public required IReadOnlyList<int> Sites { get; init; }

    /// <summary>Current parameter vector for iterative methods (null in round 0 or for one-round methods).</summary>
    public IReadOnlyList<double>? Beta { get; init; }

    /// <summary>Coordinator-side state carried to the next combine (previous log-likelihood, step-halving, …).</summary>
    public JsonElement? State { get; init; }
}

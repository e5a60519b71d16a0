using System.Text.Json;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;

namespace ClinicalTrials.Statistics.Engine;

/// <summary>
/// A federated analysis as a pair of pure, deterministic functions. <see cref="SiteStep"/> runs at
/// a site on its own rows and returns only a JSON aggregate; <see cref="Combine"/> runs at the
/// coordinator on the sites' aggregates and returns the result or the next round.
/// </summary>
public interface IFederatedMethod
{
    /// <summary>The spec <c>type</c> this method implements.</summary>
    string Type { get; }

    /// <summary>The first round's request.</summary>
    RoundRequest Start(AnalysisSpec spec, IReadOnlyList<int> sites);

    /// <summary>A site's aggregate for one round. Throws <see cref="DisclosureRefusedException"/> when the rules forbid it.</summary>
    JsonElement SiteStep(SiteTable data, RoundRequest request, DisclosureRules rules);

    /// <summary>Combines one round's aggregates (one per site in <see cref="RoundRequest.Sites"/>).</summary>
    CombineOutcome Combine(RoundRequest request, IReadOnlyList<SiteAggregate> aggregates);
}

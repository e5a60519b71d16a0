using System.Text.Json;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;

namespace ClinicalTrials.Statistics.Engine;

/// <summary>
/// Base for methods with a typed spec and a typed aggregate record. The aggregate is serialized
/// on the way out of the site and deserialized on the way into combine, so nothing but its JSON
/// can pass between them.
/// </summary>
public abstract class FederatedMethod<TSpec, TAggregate> : IFederatedMethod
    where TSpec : AnalysisSpec
{
    /// <inheritdoc />
    public abstract string Type { get; }

    /// <inheritdoc />
    public virtual RoundRequest Start(AnalysisSpec spec, IReadOnlyList<int> sites) =>
        new() { Spec = Cast(spec), Round = 0, Sites = sites };

    /// <inheritdoc />
    public JsonElement SiteStep(SiteTable data, RoundRequest request, DisclosureRules rules) =>
        JsonSerializer.SerializeToElement(SiteStep(data, Cast(request.Spec), request, rules), StatsJson.Options);

    /// <inheritdoc />
    public CombineOutcome Combine(RoundRequest request, IReadOnlyList<SiteAggregate> aggregates)
    {
        var typed = aggregates
            .OrderBy(a => a.Site)
            .Select(a => (a.Site, a.Payload.Deserialize<TAggregate>(StatsJson.Options)
                ?? throw new AnalysisException($"site {a.Site}: empty aggregate")))
            .ToList();
        return Combine(Cast(request.Spec), request, typed);
    }

    /// <summary>The site step on typed values.</summary>
    protected abstract TAggregate SiteStep(SiteTable data, TSpec spec, RoundRequest request, DisclosureRules rules);

    /// <summary>The combine step on typed aggregates, ordered by site.</summary>
    protected abstract CombineOutcome Combine(TSpec spec, RoundRequest request, IReadOnlyList<(int Site, TAggregate Aggregate)> aggregates);

    /// <summary>Serializes a typed result record into the result object.</summary>
    protected static CombineOutcome Done<TResult>(TResult result) =>
        new CombineOutcome.Completed(JsonSerializer.SerializeToNode(result, StatsJson.Options)!.AsObject());

    private TSpec Cast(AnalysisSpec spec) => spec as TSpec
        ?? throw new ArgumentException($"method '{Type}' cannot run a '{spec.Type}' spec");
}

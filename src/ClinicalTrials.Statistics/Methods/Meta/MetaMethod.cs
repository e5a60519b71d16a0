using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;

namespace ClinicalTrials.Statistics.Methods.Meta;

/// <summary>
/// Meta-analysis of per-site estimates (fixed effect or DerSimonian–Laird), in one round. Each
/// site computes its own estimate of the term and its SE — a 2×2 log odds ratio, or a Cox or
/// logistic fit on its own rows run through the registered method — and releases only that pair.
/// </summary>
/// <param name="perSiteMethods">
/// The registry the per-site fits are looked up in; null means <see cref="FederatedMethods.All"/>
/// (resolved when first needed, since this method is itself one of <c>All</c>'s).
/// </param>
public sealed class MetaMethod(FederatedMethods? perSiteMethods = null) : FederatedMethod<MetaSpec, MetaSiteEstimate>
{
    /// <inheritdoc />
    public override string Type => "meta";

    private FederatedMethods PerSiteMethods => perSiteMethods ?? FederatedMethods.All;

    /// <inheritdoc />
    public override RoundRequest Start(AnalysisSpec spec, IReadOnlyList<int> sites)
    {
        if (spec is MetaSpec s)
        {
            if (s.PerSite is not (CoxSpec or LogisticSpec or Or2x2Spec))
                throw new AnalysisException($"meta '{s.Id}': per_site type '{s.PerSite.Type}' is not supported; use cox, logistic or or2x2");
            if (!IsFixed(s) && !IsRandom(s))
                throw new AnalysisException($"meta '{s.Id}': method '{s.Method}' is not supported; use FE or DL");
            if (s.PerSite is Or2x2Spec or && (or.ExposureLevels.Count != 2 || or.ExposureLevels[0] == or.ExposureLevels[1]))
                throw new AnalysisException($"meta '{s.Id}': exposure_levels of '{or.Exposure}' must be two distinct levels [treated, control]");
            if (sites.Count == 0)
                throw new AnalysisException($"meta '{s.Id}': no sites");
        }
        return base.Start(spec, sites);
    }

    /// <inheritdoc />
    protected override MetaSiteEstimate SiteStep(SiteTable data, MetaSpec spec, RoundRequest request, DisclosureRules rules) =>
        spec.PerSite is Or2x2Spec or
            ? OddsRatio2x2.Estimate(data, or, rules)
            : FitAtSite(data, spec, rules);

    /// <inheritdoc />
    protected override CombineOutcome Combine(MetaSpec spec, RoundRequest request, IReadOnlyList<(int Site, MetaSiteEstimate Aggregate)> aggregates)
    {
        foreach (var (site, a) in aggregates)
            if (!double.IsFinite(a.Estimate) || !(a.StdError > 0) || !double.IsFinite(a.StdError))
                throw new AnalysisException($"meta '{spec.Id}': site {site}'s estimate of '{spec.Term}' has no finite positive standard error");
        var rows = aggregates.Select(a => new MetaSiteRow { Site = a.Site, Estimate = a.Aggregate.Estimate, StdError = a.Aggregate.StdError }).ToArray();
        return Done(InverseVariancePooling.Pool(rows, IsRandom(spec)));
    }

    private MetaSiteEstimate FitAtSite(SiteTable data, MetaSpec spec, DisclosureRules rules)
    {
        // As the reference kit: each site fits its own model; a Cox fit within one site has no site strata.
        var perSite = spec.PerSite is CoxSpec cox ? cox with { Strata = null } : spec.PerSite;
        var rows = data.CompleteCases(perSite.Variables()).Length;
        if (rows == 0)
            throw new AnalysisException($"meta '{spec.Id}': site {data.Site} has no complete cases on {string.Join(", ", perSite.Variables())}");
        CheckSubsetSize(data.Site, spec, rows, rules);

        // The fit's own aggregates never leave this site (only the estimate below does), so the
        // inner run needs no disclosure rules; the rules are applied to what is released.
        JsonObject result;
        try
        {
            result = new FederatedEngine(PerSiteMethods).Run(perSite, [data], DisclosureRules.None).Result;
        }
        catch (AggregateException e) when (e.InnerExceptions is [AnalysisException inner])
        {
            // The engine runs sites in parallel; surface the fit's own error, not the wrapper.
            ExceptionDispatchInfo.Throw(inner);
            throw;
        }

        // The fit's own n is what it rests on (factor levels outside the SAP's drop rows).
        if (result["n"] is JsonValue nv && nv.TryGetValue<double>(out var n))
        {
            rows = (int)n;
            CheckSubsetSize(data.Site, spec, rows, rules);
        }
        var coefficients = result["coefficients"] as JsonArray
            ?? throw new AnalysisException($"meta '{spec.Id}': the {perSite.Type} fit at site {data.Site} reports no coefficients");
        if (coefficients.Count > rules.MaxParameterRatio * rows)
            throw new DisclosureRefusedException(data.Site, DisclosureRule.MaxParameterRatio,
                $"the site's {perSite.Type} fit has {coefficients.Count} parameters on {rows} rows, more than the maximum of {rules.MaxParameterRatio} parameters per row");
        var row = coefficients.OfType<JsonObject>().FirstOrDefault(c => c["term"]?.GetValue<string>() == spec.Term)
            ?? throw new AnalysisException(
                $"meta '{spec.Id}': the {perSite.Type} fit at site {data.Site} has no coefficient '{spec.Term}' " +
                $"(its coefficients: {string.Join(", ", coefficients.OfType<JsonObject>().Select(c => c["term"]?.ToString()))})");
        return new MetaSiteEstimate { Estimate = Number(row, "estimate"), StdError = Number(row, "std_error") };
    }

    private static void CheckSubsetSize(int site, MetaSpec spec, int rows, DisclosureRules rules)
    {
        if (rows >= rules.MinSubsetSize) return;
        throw new DisclosureRefusedException(site, DisclosureRule.MinSubsetSize,
            $"the site's {spec.PerSite.Type} fit for meta '{spec.Id}' would rest on {rows} row(s), fewer than the minimum subset size of {rules.MinSubsetSize}");
    }

    private static double Number(JsonObject row, string key) =>
        row[key] is JsonValue v && v.TryGetValue<double>(out var d) ? d : double.NaN;

    private static bool IsFixed(MetaSpec spec) => string.Equals(spec.Method, "FE", StringComparison.OrdinalIgnoreCase);

    private static bool IsRandom(MetaSpec spec) => string.Equals(spec.Method, "DL", StringComparison.OrdinalIgnoreCase);
}

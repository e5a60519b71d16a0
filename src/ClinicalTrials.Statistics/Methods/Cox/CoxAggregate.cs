namespace ClinicalTrials.Statistics.Methods.Cox;

/// <summary>
/// What a site releases for one round of a Cox model: its counts and either its own stratum's
/// likelihood terms (<c>strata: site</c>) or its per-time risk-set sums (pooled risk sets).
/// </summary>
/// <param name="N">Complete rows used.</param>
/// <param name="Events">Events among them.</param>
/// <param name="Stratum">Stratified by site: log-likelihood, score and information at β.</param>
/// <param name="Times">Unstratified: per-time sums from which pooled risk sets are built.</param>
public sealed record CoxAggregate(int N, int Events, CoxStratumSums? Stratum, CoxTimeSums? Times);

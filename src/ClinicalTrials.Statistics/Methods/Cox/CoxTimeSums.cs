namespace ClinicalTrials.Statistics.Methods.Cox;

/// <summary>
/// A site's contribution to pooled (unstratified) risk sets at the requested β: for each distinct
/// time at the site, sums over the subjects whose follow-up ends then, and over those who die then.
/// It reveals the site's distinct event and censoring times (exact or binned, per the site's rules)
/// and, at a time where a single subject leaves, that subject's covariates: sites opt in through
/// <see cref="DisclosureRules.EventTimes"/>.
/// </summary>
/// <remarks>
/// Covariates are centred at <see cref="Centre"/> (the site's means) and every r = exp(η − <see cref="Offset"/>)
/// with η = (x − centre)ᵀβ; the coordinator recentres and rescales exactly. Per-time blocks hold
/// 1 + p + p(p+1)/2 values: Σr, Σr·x, Σr·x xᵀ (upper triangle).
/// </remarks>
/// <param name="Centre">The site's covariate means.</param>
/// <param name="Offset">Log scale subtracted from every η (the site's largest η).</param>
/// <param name="BinWidth">Bin width the times were coarsened to (up to the end of each bin); null when exact.</param>
/// <param name="Times">Distinct times, latest first.</param>
/// <param name="AtRisk">Per time, the block over subjects leaving at it (deaths and censorings).</param>
/// <param name="Deaths">Per time, the number of deaths.</param>
/// <param name="DeathX">Per time, Σx over the deaths (p values).</param>
/// <param name="DeathRisk">Efron only (empty for Breslow): per time, the block over the deaths.</param>
public sealed record CoxTimeSums(
    double[] Centre,
    double Offset,
    double? BinWidth,
    double[] Times,
    double[] AtRisk,
    int[] Deaths,
    double[] DeathX,
    double[] DeathRisk);

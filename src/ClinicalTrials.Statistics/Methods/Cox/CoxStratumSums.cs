namespace ClinicalTrials.Statistics.Methods.Cox;

/// <summary>
/// One site's stratum of a stratified Cox model at the requested β. Its size depends only on the
/// number of covariates; no time or row-level value is in it.
/// </summary>
/// <param name="LogLik">Log partial likelihood of the stratum.</param>
/// <param name="Score">Its gradient, one value per column.</param>
/// <param name="Information">Minus its Hessian, upper triangle row by row.</param>
public sealed record CoxStratumSums(double LogLik, double[] Score, double[] Information);

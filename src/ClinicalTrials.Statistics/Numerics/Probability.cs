using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace ClinicalTrials.Statistics.Numerics;

/// <summary>Tail probabilities and quantiles, in forms that keep relative precision in the far tails.</summary>
public static class Probability
{
    /// <summary>P(χ²_df ≥ x), via the regularized upper incomplete gamma (no 1 − CDF cancellation).</summary>
    public static double ChiSquareUpper(double x, double df) =>
        x <= 0 ? 1.0 : df <= 0 ? double.NaN : SpecialFunctions.GammaUpperRegularized(df / 2, x / 2);

    /// <summary>Two-sided normal p-value 2·Φ(−|z|).</summary>
    public static double NormalTwoSided(double z) => SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2));

    /// <summary>Standard normal quantile.</summary>
    public static double NormalQuantile(double p) => Normal.InvCDF(0, 1, p);

    /// <summary>Two-sided Student t p-value 2·P(T_df ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2).</summary>
    public static double StudentTTwoSided(double t, double df) =>
        double.IsNaN(t) ? double.NaN : SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + t * t));

    /// <summary>Student t quantile.</summary>
    public static double StudentTQuantile(double p, double df) => StudentT.InvCDF(0, 1, df, p);
}

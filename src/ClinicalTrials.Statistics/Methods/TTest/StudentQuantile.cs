using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace ClinicalTrials.Statistics.Methods.TTest;

/// <summary>Student t quantiles to full double precision.</summary>
internal static class StudentQuantile
{
    /// <summary>
    /// The t with P(T_df ≥ t) = <paramref name="upper"/> (0 &lt; upper &lt; 0.5). MathNet's inverse is a
    /// root search of limited accuracy, so it only seeds Newton steps on the exact upper tail
    /// ½·I_{df/(df+t²)}(df/2, ½), whose derivative is −density.
    /// </summary>
    public static double Upper(double upper, double df)
    {
        var t = StudentT.InvCDF(0, 1, df, 1 - upper);
        for (var i = 0; i < 8; i++)
        {
            var tail = 0.5 * SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + t * t));
            var step = (tail - upper) / StudentT.PDF(0, 1, df, t);
            t += step;
            if (Math.Abs(step) <= 1e-15 * Math.Abs(t)) break;
        }
        return t;
    }
}

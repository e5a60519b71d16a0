using ClinicalTrials.Statistics.Methods.Survival;
using MathNet.Numerics.LinearAlgebra;

namespace ClinicalTrials.Statistics.Methods.Logrank;

/// <summary>
/// Observed, expected and variance of the log-rank score over risk sets (R's <c>survdiff2</c> with
/// ρ = 0: exact handling of ties through the hypergeometric variance), and the chi-square from them.
/// </summary>
internal sealed class LogrankScore
{
    private LogrankScore(double[] observed, double[] expected, double[,] variance)
    {
        Observed = observed;
        Expected = expected;
        Variance = variance;
    }

    public double[] Observed { get; }

    public double[] Expected { get; }

    public double[,] Variance { get; }

    /// <summary>A zero score over <paramref name="levels"/> levels.</summary>
    public static LogrankScore Zero(int levels) => new(new double[levels], new double[levels], new double[levels, levels]);

    /// <summary>The score of one stratum's risk sets.</summary>
    public static LogrankScore Of(PooledEventTimes pool)
    {
        var k = pool.Levels.Count;
        var score = Zero(k);
        var risk = new double[k];
        for (var j = 0; j < pool.Times.Length; j++)
        {
            double deaths = 0, nrisk = 0;
            for (var l = 0; l < k; l++)
            {
                risk[l] = pool.AtRisk[l][j];
                deaths += pool.Events[l][j];
                nrisk += risk[l];
                score.Observed[l] += pool.Events[l][j];
            }
            if (deaths == 0) continue;
            for (var l = 0; l < k; l++)
                score.Expected[l] += deaths * risk[l] / nrisk;
            if (nrisk == 1) continue;
            for (var a = 0; a < k; a++)
            {
                var tmp = deaths * risk[a] * (nrisk - deaths) / (nrisk * (nrisk - 1));
                score.Variance[a, a] += tmp;
                for (var b = 0; b < k; b++)
                    score.Variance[a, b] -= tmp * risk[b] / nrisk;
            }
        }
        return score;
    }

    /// <summary>Adds another stratum's score, whose level i is this score's level <paramref name="map"/>[i].</summary>
    public void Add(IReadOnlyList<double> observed, IReadOnlyList<double> expected, IReadOnlyList<IReadOnlyList<double>> variance, int[] map)
    {
        for (var i = 0; i < map.Length; i++)
        {
            Observed[map[i]] += observed[i];
            Expected[map[i]] += expected[i];
            for (var j = 0; j < map.Length; j++)
                Variance[map[i], map[j]] += variance[i][j];
        }
    }

    /// <summary>
    /// (O − E)' V⁻ (O − E) over the levels with expected events, leaving out the first of them
    /// (the k − 1 free levels, as <c>survdiff</c>), with a generalized inverse of V.
    /// </summary>
    public double ChiSquare()
    {
        var used = Enumerable.Range(0, Expected.Length).Where(l => Expected[l] > 0).ToArray();
        if (used.Length < 2) return 0;
        var free = used[1..];
        var diff = Vector<double>.Build.Dense(free.Length, i => Observed[free[i]] - Expected[free[i]]);
        var v = Matrix<double>.Build.Dense(free.Length, free.Length, (i, j) => Variance[free[i], free[j]]);
        return diff * (v.PseudoInverse() * diff);
    }
}

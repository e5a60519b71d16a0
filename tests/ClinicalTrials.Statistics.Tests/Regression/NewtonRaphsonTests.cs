using ClinicalTrials.Statistics.Methods.Regression;

namespace ClinicalTrials.Statistics.Tests.Regression;

public sealed class NewtonRaphsonTests
{
    private static NewtonRaphson Newton(int max = 50) => new("model 't'", ["a", "b"], max,
        (previous, current) => Math.Abs(2 * (previous - current)) / (Math.Abs(2 * current) + 0.1) < 1e-14, informationUnits: 1);

    private static readonly double[] Information = [2, 0.5, 0.5, 1];

    [Fact]
    public void A_rounding_level_fall_of_the_objective_is_not_an_overshoot()
    {
        // Sums over a million rows carry ~1e-13 relative rounding: a point that is truly better can
        // look 1e-13 worse. Halving there would chase the noise round after round.
        var state = new NewtonState
        {
            Estimable = [true, true],
            Spread = [1, 1],
            AcceptedBeta = [0.9, -1.9],
            AcceptedObjective = -1e6,
            InitialObjective = -2e6,
            InitialScoreStatistic = 10,
        };
        var outcome = Newton().Next(5, state, [0.9999, -1.9999], -1e6 * (1 + 1e-13), [1e-4, 1e-4], Information);
        var next = Assert.IsType<NewtonOutcome.Continue>(outcome);
        Assert.False(next.State.Halving);
        Assert.Equal([0.9999, -1.9999], next.State.AcceptedBeta);

        // A real overshoot is halved toward the last accepted point.
        var overshoot = Newton().Next(5, state, [1.5, -2.5], -1e6 * (1 + 1e-6), [1, 1], Information);
        var half = Assert.IsType<NewtonOutcome.Continue>(overshoot);
        Assert.True(half.State.Halving);
        Assert.Equal([1.2, -2.2], half.Beta.Select(b => Math.Round(b, 12)));
    }

    [Fact]
    public void Quadratic_objective_converges_to_its_maximum_with_the_inverse_information()
    {
        // objective = −½ (β − β*)ᵀ I (β − β*): one Newton step reaches β*, the next round confirms it.
        double[] target = [1, -2];
        var newton = Newton();
        NewtonState? state = null;
        var beta = new double[2];
        for (var round = 0; round < 10; round++)
        {
            var d = new[] { target[0] - beta[0], target[1] - beta[1] };
            var score = new[] { 2 * d[0] + 0.5 * d[1], 0.5 * d[0] + d[1] };
            var objective = -0.5 * (d[0] * score[0] + d[1] * score[1]);
            switch (newton.Next(round, state, beta, objective, score, Information))
            {
                case NewtonOutcome.Continue c:
                    state = c.State;
                    beta = c.Beta;
                    continue;
                case NewtonOutcome.Converged done:
                    Assert.Equal(1, done.Beta[0], 12);
                    Assert.Equal(-2, done.Beta[1], 12);
                    // I⁻¹ = [[1, −0.5], [−0.5, 2]] / 1.75
                    Assert.Equal(1 / 1.75, done.Covariance[0], 12);
                    Assert.Equal(-0.5 / 1.75, done.Covariance[1], 12);
                    Assert.Equal(2 / 1.75, done.Covariance[3], 12);
                    Assert.Empty(done.Diverging);
                    Assert.True(round <= 2);
                    return;
            }
        }
        Assert.Fail("did not converge");
    }

    [Fact]
    public void Cholesky_leaves_out_the_later_of_two_collinear_columns()
    {
        // Columns: a, b = 2a, c — information of X = [a, 2a, c].
        double[] a = [1, 2, 3, 4];
        double[] c = [1, 0, 2, 5];
        double[][] cols = [a, a.Select(v => 2 * v).ToArray(), c];
        var m = new double[9];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                m[i * 3 + j] = cols[i].Zip(cols[j], (x, y) => x * y).Sum();
        var chol = RankCholesky.Factor(m, 3, null, 1e-9);
        Assert.Equal([true, false, true], chol.Kept);
        Assert.Equal(2, chol.Rank);
        var inv = chol.Inverse();
        // On the kept columns the inverse times the matrix is the identity; the aliased row and column are zero.
        int[] kept = [0, 2];
        foreach (var i in kept)
            foreach (var j in kept)
                Assert.Equal(i == j ? 1 : 0, kept.Sum(k => inv[i * 3 + k] * m[k * 3 + j]), 12);
        Assert.All(new[] { inv[1], inv[3], inv[4], inv[5], inv[7] }, v => Assert.Equal(0, v));
    }
}

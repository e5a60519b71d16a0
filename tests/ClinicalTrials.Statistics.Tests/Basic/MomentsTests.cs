using ClinicalTrials.Statistics.Methods.Describe;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ClinicalTrials.Statistics.Tests.Basic;

public sealed class MomentsTests
{
    [Fact]
    public void Moments_of_hand_values()
    {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x − 5)² = 32.
        var m = Moments.Of([2, 4, 4, 4, 5, 5, 7, 9]);
        Assert.Equal(8, m.N);
        Assert.Equal(5, m.Mean);
        Assert.Equal(32, m.M2);
        Assert.Equal(32.0 / 7, m.Variance);
        Assert.True(double.IsNaN(Moments.Of([3]).Variance));
        Assert.Equal(Moments.Empty, Moments.Empty.Merge(Moments.Empty));
    }

    [Fact]
    public void Merging_keeps_precision_far_from_zero()
    {
        // Raw sums of squares would lose every digit of the variance here.
        var a = Moments.Of([1e9 + 1, 1e9 + 2, 1e9 + 3]);
        var b = Moments.Of([1e9 + 4, 1e9 + 5]);
        var m = a.Merge(b);
        Assert.Equal(1e9 + 3, m.Mean);
        Assert.Equal(10, m.M2, 9);
    }

    [Property(MaxTest = 200)]
    public Property Merge_equals_the_moments_of_the_union()
    {
        var values = Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 1000.0).ListOf();
        return Prop.ForAll(values.ToArbitrary(), values.ToArbitrary(), values.ToArbitrary(), (a, b, c) =>
        {
            var merged = Moments.Of(a.ToArray()).Merge(Moments.Of(b.ToArray())).Merge(Moments.Of(c.ToArray()));
            var direct = Moments.Of(a.Concat(b).Concat(c).ToArray());
            return merged.N == direct.N
                && (direct.N == 0 || Math.Abs(merged.Mean - direct.Mean) <= 1e-9 * (1 + Math.Abs(direct.Mean)))
                && Math.Abs(merged.M2 - direct.M2) <= 1e-9 * (1 + direct.M2);
        });
    }
}

namespace ClinicalTrials.Statistics.Methods.Regression;

/// <summary>
/// Cholesky factor of a symmetric positive semi-definite matrix taken column by column in the
/// given order, without pivoting: a column whose pivot is below <c>tolerance</c> times its own
/// diagonal is collinear with the columns before it and is left out, as R leaves out the later of
/// two aliased columns. The solve and the inverse are on the kept columns, with zeros elsewhere.
/// </summary>
internal sealed class RankCholesky
{
    private readonly double[] _l;

    private RankCholesky(int p, double[] l, bool[] kept)
    {
        P = p;
        _l = l;
        Kept = kept;
        Rank = kept.Count(k => k);
    }

    /// <summary>Order of the matrix.</summary>
    public int P { get; }

    /// <summary>Columns that entered the factor.</summary>
    public bool[] Kept { get; }

    /// <summary>Number of kept columns.</summary>
    public int Rank { get; }

    /// <summary>Factors the full <paramref name="p"/>×<paramref name="p"/> row-major matrix <paramref name="a"/> over the allowed columns.</summary>
    public static RankCholesky Factor(ReadOnlySpan<double> a, int p, IReadOnlyList<bool>? allowed, double tolerance)
    {
        var l = new double[p * p];
        var kept = new bool[p];
        for (var j = 0; j < p; j++)
        {
            var diag = a[j * p + j];
            if (allowed is not null && !allowed[j]) continue;
            var pivot = diag;
            for (var k = 0; k < j; k++) pivot -= l[j * p + k] * l[j * p + k];
            // NaN fails both tests, so a non-finite information never counts as estimable.
            if (!(diag > 0) || !(pivot > tolerance * diag)) continue;
            kept[j] = true;
            var root = Math.Sqrt(pivot);
            l[j * p + j] = root;
            for (var i = j + 1; i < p; i++)
            {
                var s = a[i * p + j];
                for (var k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
                l[i * p + j] = s / root;
            }
        }
        // Rows of left-out columns must not feed later columns: they were skipped above because
        // their column of L stays zero, and their own row entries are never read for kept columns.
        for (var i = 0; i < p; i++)
            if (!kept[i])
                for (var k = 0; k < p; k++) l[i * p + k] = 0;
        return new RankCholesky(p, l, kept);
    }

    /// <summary>Solves A x = b on the kept columns; x is zero on the others.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        var p = P;
        var y = new double[p];
        for (var i = 0; i < p; i++)
        {
            if (!Kept[i]) continue;
            var s = b[i];
            for (var k = 0; k < i; k++) s -= _l[i * p + k] * y[k];
            y[i] = s / _l[i * p + i];
        }
        var x = new double[p];
        for (var i = p - 1; i >= 0; i--)
        {
            if (!Kept[i]) continue;
            var s = y[i];
            for (var k = i + 1; k < p; k++) s -= _l[k * p + i] * x[k];
            x[i] = s / _l[i * p + i];
        }
        return x;
    }

    /// <summary>The inverse on the kept columns (row-major p×p), zero in rows and columns left out.</summary>
    public double[] Inverse()
    {
        var p = P;
        var inv = new double[p * p];
        var e = new double[p];
        for (var j = 0; j < p; j++)
        {
            if (!Kept[j]) continue;
            Array.Clear(e);
            e[j] = 1;
            var col = Solve(e);
            for (var i = 0; i < p; i++) inv[i * p + j] = col[i];
        }
        // Symmetrize the rounding so variances and covariances read the same either way.
        for (var i = 0; i < p; i++)
            for (var j = i + 1; j < p; j++)
                inv[i * p + j] = inv[j * p + i] = 0.5 * (inv[i * p + j] + inv[j * p + i]);
        return inv;
    }
}

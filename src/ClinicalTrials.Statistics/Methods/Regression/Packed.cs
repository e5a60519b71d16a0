namespace ClinicalTrials.Statistics.Methods.Regression;

/// <summary>
/// Symmetric p×p matrices stored as their upper triangle row by row (p(p+1)/2 numbers), the form
/// in which sites accumulate and send cross-products.
/// </summary>
internal static class Packed
{
    /// <summary>Number of stored values for order <paramref name="p"/>.</summary>
    public static int Size(int p) => p * (p + 1) / 2;

    /// <summary>Adds <paramref name="w"/>·x xᵀ to the packed matrix.</summary>
    public static void AddOuter(Span<double> packed, double w, ReadOnlySpan<double> x)
    {
        var idx = 0;
        for (var j = 0; j < x.Length; j++)
        {
            var wx = w * x[j];
            for (var k = j; k < x.Length; k++) packed[idx++] += wx * x[k];
        }
    }

    /// <summary>Expands a packed matrix into a full row-major p×p array.</summary>
    public static double[] Unpack(ReadOnlySpan<double> packed, int p)
    {
        var full = new double[p * p];
        var idx = 0;
        for (var j = 0; j < p; j++)
            for (var k = j; k < p; k++)
                full[j * p + k] = full[k * p + j] = packed[idx++];
        return full;
    }
}

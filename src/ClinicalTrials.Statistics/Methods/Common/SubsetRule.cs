namespace ClinicalTrials.Statistics.Methods.Common;

/// <summary>The minimum-subset rule: a statistic resting on 1 … min−1 rows would nearly reveal them.</summary>
internal static class SubsetRule
{
    public const string Name = "min_subset_size";

    /// <summary>Refuses when 0 &lt; n &lt; the site's minimum subset size.</summary>
    public static void Check(int site, long n, DisclosureRules rules, string what)
    {
        if (n > 0 && n < rules.MinSubsetSize)
            throw new DisclosureRefusedException(site, Name,
                $"{what} rests on {n} row(s), fewer than the minimum subset size of {rules.MinSubsetSize}");
    }
}

namespace ClinicalTrials.Statistics.Methods.Regression;

/// <summary>The site's checks before it releases anything of a model fitted on its rows.</summary>
internal static class ModelDisclosure
{
    /// <summary>Refuses a fit on fewer rows than the minimum subset, or with more parameters than the ratio allows.</summary>
    public static void Check(int site, string label, DisclosureRules rules, int n, int p)
    {
        // A site with no complete row releases nothing about anyone.
        if (n == 0) return;
        if (n < rules.MinSubsetSize)
            throw new DisclosureRefusedException(site, DisclosureRule.MinSubsetSize,
                $"{label} would rest on {n} complete row(s) at this site, fewer than the minimum subset size {rules.MinSubsetSize}");
        if (p > rules.MaxParameterRatio * n)
            throw new DisclosureRefusedException(site, DisclosureRule.MaxParameterRatio,
                $"{label} has {p} parameters for {n} complete rows at this site (ratio {(double)p / n:0.###}), above the maximum ratio {rules.MaxParameterRatio}");
    }
}

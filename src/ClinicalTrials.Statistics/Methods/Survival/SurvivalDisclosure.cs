using System.Globalization;

namespace ClinicalTrials.Statistics.Methods.Survival;

/// <summary>The site-side disclosure checks shared by the survival methods.</summary>
internal static class SurvivalDisclosure
{
    /// <summary>
    /// The bin width event times must be coarsened to before they leave the site (0 = exact);
    /// refuses when the site releases no event times.
    /// </summary>
    public static double TimeBinWidth(int site, DisclosureRules rules, string analysis)
    {
        switch (rules.EventTimes)
        {
            case EventTimeDisclosure.Exact:
                return 0;
            case EventTimeDisclosure.Binned:
                if (!(rules.TimeBinWidth > 0) || !double.IsFinite(rules.TimeBinWidth))
                    throw new AnalysisException(
                        $"site {site}: event times are to be binned but the time bin width is {rules.TimeBinWidth.ToString(CultureInfo.InvariantCulture)}; set a positive width");
                return rules.TimeBinWidth;
            default:
                throw new DisclosureRefusedException(site, DisclosureRule.EventTimes,
                    $"{analysis} needs this site's event and censoring times (a survival table per group), " +
                    "and the site's rules release no event times (event_times = never); allow binned times, " +
                    "or use a stratified analysis (strata = site), which releases only per-site scores");
        }
    }

    /// <summary>Refuses when a group has some rows but fewer than the minimum subset size.</summary>
    public static void CheckGroupSizes(int site, SurvivalRows rows, string? group, DisclosureRules rules)
    {
        var counts = rows.Counts();
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0 || counts[i] >= rules.MinSubsetSize) continue;
            var which = group is null ? "the analysis" : $"group {group} = '{rows.Levels[i]}'";
            throw new DisclosureRefusedException(site, DisclosureRule.MinSubsetSize,
                $"{which} has {counts[i]} row(s) at this site, fewer than the minimum subset size of {rules.MinSubsetSize}");
        }
    }
}

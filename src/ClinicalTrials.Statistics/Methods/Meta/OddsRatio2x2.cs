using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;

namespace ClinicalTrials.Statistics.Methods.Meta;

/// <summary>
/// A site's log odds ratio from its 2×2 table of exposure (treated, control) by outcome, with 0.5
/// added to every cell only when some cell is zero (as the reference kit's <c>site_estimate</c>).
/// </summary>
internal static class OddsRatio2x2
{
    /// <summary>The site's estimate; refuses when a non-zero cell is below the minimum cell count.</summary>
    public static MetaSiteEstimate Estimate(SiteTable data, Or2x2Spec spec, DisclosureRules rules)
    {
        var rows = data.CompleteCases(spec.Variables());
        var exposure = data[spec.Exposure];
        var outcome = data[spec.Outcome];
        // cells: [treated event, treated no event, control event, control no event]
        var cells = new double[4];
        foreach (var r in rows)
        {
            var level = exposure.Key(r) == spec.ExposureLevels[0] ? 0 : exposure.Key(r) == spec.ExposureLevels[1] ? 1 : -1;
            if (level < 0) continue;
            cells[2 * level + (outcome.Key(r) == spec.OutcomeEvent ? 0 : 1)]++;
        }
        for (var i = 0; i < 4; i++)
        {
            if (cells[i] == 0 || cells[i] >= rules.MinCellCount) continue;
            var level = spec.ExposureLevels[i / 2];
            var which = i % 2 == 0 ? $"= '{spec.OutcomeEvent}'" : $"≠ '{spec.OutcomeEvent}'";
            throw new DisclosureRefusedException(data.Site, DisclosureRule.MinCellCount,
                $"the 2×2 cell {spec.Exposure} = '{level}', {spec.Outcome} {which} holds {cells[i]} row(s), fewer than the minimum cell count of {rules.MinCellCount}");
        }
        if (cells.Any(c => c == 0))
            for (var i = 0; i < 4; i++) cells[i] += 0.5;
        return new MetaSiteEstimate
        {
            Estimate = Math.Log(cells[0] * cells[3] / (cells[1] * cells[2])),
            StdError = Math.Sqrt(cells.Sum(c => 1 / c)),
        };
    }
}

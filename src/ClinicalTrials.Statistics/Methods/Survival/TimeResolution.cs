namespace ClinicalTrials.Statistics.Methods.Survival;

/// <summary>
/// Reported under a result's <c>_resolution</c> key when some site released coarsened event
/// times: the result is exact for the data at that resolution, not for the exact times.
/// </summary>
public sealed record TimeResolution
{
    /// <summary>The widest bin any site used (time units of the data).</summary>
    public required double TimeBinWidth { get; init; }

    /// <summary>Sites whose times were binned.</summary>
    public required IReadOnlyList<int> BinnedSites { get; init; }

    /// <summary>The same in words.</summary>
    public required string Note { get; init; }

    /// <summary>The resolution of a result pooled from these aggregates, or null when every site released exact times.</summary>
    public static TimeResolution? Of(IEnumerable<(int Site, double TimeBinWidth)> sites)
    {
        var binned = sites.Where(s => s.TimeBinWidth > 0).ToList();
        if (binned.Count == 0) return null;
        var width = binned.Max(s => s.TimeBinWidth);
        var ids = binned.Select(s => s.Site).Order().ToArray();
        return new TimeResolution
        {
            TimeBinWidth = width,
            BinnedSites = ids,
            Note = FormattableString.Invariant(
                $"event times were coarsened up to the end of bins of width {width} at site(s) {string.Join(", ", ids)}; the result is exact to that bin width, not to the exact times"),
        };
    }
}

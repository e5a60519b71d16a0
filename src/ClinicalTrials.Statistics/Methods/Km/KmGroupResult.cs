namespace ClinicalTrials.Statistics.Methods.Km;

/// <summary>One group's Kaplan–Meier summary, as R's <c>summary(fit)$table</c> and <c>summary(fit, times)</c>.</summary>
public sealed record KmGroupResult
{
    /// <summary>Rows in the group.</summary>
    public required int N { get; init; }

    /// <summary>Events in the group.</summary>
    public required int NEvents { get; init; }

    /// <summary>Median survival time; null when survival never falls to 0.5.</summary>
    public required double Median { get; init; }

    /// <summary>Lower 95% limit of the median (where the lower confidence band falls to 0.5); null when not reached.</summary>
    public required double MedianConfLow { get; init; }

    /// <summary>Upper 95% limit of the median (where the upper confidence band falls to 0.5); null when not reached.</summary>
    public required double MedianConfHigh { get; init; }

    /// <summary>Estimates at the requested times, ascending.</summary>
    public required IReadOnlyList<KmTimePoint> At { get; init; }
}

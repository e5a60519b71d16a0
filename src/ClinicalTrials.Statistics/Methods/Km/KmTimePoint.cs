namespace ClinicalTrials.Statistics.Methods.Km;

/// <summary>The Kaplan–Meier estimate at a requested time, as R's <c>summary(fit, times, extend = TRUE)</c>.</summary>
public sealed record KmTimePoint
{
    /// <summary>The requested time.</summary>
    public required double Time { get; init; }

    /// <summary>Survival at the time (the estimate at the last curve time ≤ it).</summary>
    public required double Survival { get; init; }

    /// <summary>Greenwood standard error on the survival scale (null when survival is 0).</summary>
    public required double StdErr { get; init; }

    /// <summary>Lower end of the log-transformed 95% interval.</summary>
    public required double ConfLow { get; init; }

    /// <summary>Upper end of the log-transformed 95% interval (at most 1).</summary>
    public required double ConfHigh { get; init; }

    /// <summary>Number at risk: those whose time is at least the requested time (0 beyond follow-up).</summary>
    public required int NRisk { get; init; }
}

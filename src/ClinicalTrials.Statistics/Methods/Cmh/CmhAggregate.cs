namespace ClinicalTrials.Statistics.Methods.Cmh;

/// <summary>
/// A site's 2×2 table (the site is one stratum): rows exposure (treated, control), columns
/// event, no event.
/// </summary>
public sealed record CmhAggregate(long TreatedEvent, long TreatedNoEvent, long ControlEvent, long ControlNoEvent)
{
    /// <summary>Rows in the stratum.</summary>
    public long Total => TreatedEvent + TreatedNoEvent + ControlEvent + ControlNoEvent;
}

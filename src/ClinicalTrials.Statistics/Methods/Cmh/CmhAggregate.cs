using System.Text.Json.Serialization;

namespace ClinicalTrials.Statistics.Methods.Cmh;

/// <summary>What a site releases for <c>cmh</c>: its 2×2 table (the site is one stratum).</summary>
/// <param name="TreatedEvents">Rows with the treated exposure level and the event.</param>
/// <param name="TreatedNonEvents">Treated, no event.</param>
/// <param name="ControlEvents">Control exposure level, event.</param>
/// <param name="ControlNonEvents">Control, no event.</param>
public sealed record CmhAggregate(int TreatedEvents, int TreatedNonEvents, int ControlEvents, int ControlNonEvents)
{
    /// <summary>Rows in the table.</summary>
    [JsonIgnore]
    public int Total => TreatedEvents + TreatedNonEvents + ControlEvents + ControlNonEvents;
}

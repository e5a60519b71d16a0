using System.Text.Json.Nodes;

namespace ClinicalTrials.Statistics.Engine;

/// <summary>What a combine step yields: the result, or the next round to send.</summary>
public abstract record CombineOutcome
{
    /// <summary>The analysis is finished.</summary>
    public sealed record Completed(JsonObject Result) : CombineOutcome;

    /// <summary>Another round is needed.</summary>
    public sealed record NextRound(RoundRequest Request) : CombineOutcome;
}

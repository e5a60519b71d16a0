using System.Text.Json;

namespace ClinicalTrials.Statistics.Engine;

/// <summary>One site's answer to one round: an aggregate, only ever handled as JSON.</summary>
public sealed record SiteAggregate(int Site, int Round, JsonElement Payload);

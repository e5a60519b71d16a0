using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalTrials.Contracts;

/// <summary>
/// What a site signs: its aggregate together with everything that fixes what it answers, so a
/// signature cannot be replayed for another trial, SAP, run, round or parameter vector. Serialized
/// as snake_case JSON and canonicalised (RFC 8785) before signing.
/// </summary>
public sealed record AggregateStatement
{
    /// <summary>Always <c>site_aggregate</c>.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "site_aggregate";

    /// <summary>Trial id.</summary>
    [JsonPropertyName("trial_id")] public required string TrialId { get; init; }

    /// <summary>The site's protocol id.</summary>
    [JsonPropertyName("site_id")] public required string SiteId { get; init; }

    /// <summary>The site's number in the protocol.</summary>
    [JsonPropertyName("site")] public required int Site { get; init; }

    /// <summary>The SAP hash the site checked against the registered one.</summary>
    [JsonPropertyName("sap_hash")] public required string SapHash { get; init; }

    /// <summary>The analysis run.</summary>
    [JsonPropertyName("run_id")] public required string RunId { get; init; }

    /// <summary>The request answered.</summary>
    [JsonPropertyName("request_id")] public required Guid RequestId { get; init; }

    /// <summary>The analysis' id in the SAP.</summary>
    [JsonPropertyName("analysis_id")] public required string AnalysisId { get; init; }

    /// <summary>Round number.</summary>
    [JsonPropertyName("round")] public required int Round { get; init; }

    /// <summary>SHA-256 of the canonical round request answered (binds the parameter vector).</summary>
    [JsonPropertyName("request_hash")] public required string RequestHash { get; init; }

    /// <summary>Data lock the answer was computed under, if any.</summary>
    [JsonPropertyName("data_cutoff")] public DateTimeOffset? DataCutoff { get; init; }

    /// <summary>When the site computed it.</summary>
    [JsonPropertyName("computed_at")] public required DateTimeOffset ComputedAt { get; init; }

    /// <summary>The statistics engine's aggregate for this site and round.</summary>
    [JsonPropertyName("aggregate")] public required JsonElement Aggregate { get; init; }
}

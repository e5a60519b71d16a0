using System.Collections.Immutable;
using System.Text.Json.Serialization;
using ClinicalTrials.Core.Protocol;
using ClinicalTrials.Core.Validation;

namespace ClinicalTrials.Core.Synthetic;

/// <summary>
/// How to simulate a trial's sites for the embedded mode (schema
/// <c>https://schemas.clinicaltrials.dev/synthetic/v1</c>): sites and their sizes, true arm effects,
/// baseline distributions, dropout, device reading rates and event hazards. Fixed by <see cref="Seed"/>.
/// </summary>
public sealed record SyntheticSettings
{
    /// <summary>Document format version; 1.</summary>
    public required int SchemaVersion { get; init; }

    /// <summary>The protocol's trial id.</summary>
    public required string TrialId { get; init; }

    /// <summary>The protocol version simulated.</summary>
    public required string ProtocolVersion { get; init; }

    /// <summary>Seed of the simulation; the same seed gives the same data.</summary>
    public required long Seed { get; init; }

    /// <summary>Simulated sites.</summary>
    public required ImmutableArray<SyntheticSite> Sites { get; init; }

    /// <summary>Fraction of participants lost to follow-up, at a uniformly distributed day.</summary>
    public required double DropoutRate { get; init; }

    /// <summary>Age at randomization, years.</summary>
    public required NormalDistribution Age { get; init; }

    /// <summary>Fraction of participants who are female.</summary>
    public double FemaleFraction { get; init; } = 0.5;

    /// <summary>For each randomization stratum other than site: the probability of each level.</summary>
    public ImmutableDictionary<string, ImmutableDictionary<string, double>> Strata { get; init; } =
        ImmutableDictionary<string, ImmutableDictionary<string, double>>.Empty;

    /// <summary>Device streams, one per LOINC code the protocol uses.</summary>
    public required ImmutableArray<ObservationStream> Observations { get; init; }

    /// <summary>Event model; required when the protocol has a time-to-event endpoint.</summary>
    public EventModel? Events { get; init; }

    /// <summary>Total participants over all sites.</summary>
    [JsonIgnore]
    public int TotalParticipants => Sites.Sum(s => s.Participants);

    /// <summary>Reads and validates the settings at <paramref name="path"/>; see <see cref="Parse"/>.</summary>
    public static DocumentLoadResult<SyntheticSettings> Load(string path, ProtocolDocument? protocol = null) =>
        DocumentReader.Load(path, (text, source) => Parse(text, source, protocol));

    /// <summary>
    /// Validates <paramref name="text"/> and, given the <paramref name="protocol"/>, that it simulates that
    /// protocol: its sites, arms, strata and every LOINC code its endpoints, covariates and eligibility use.
    /// </summary>
    /// <param name="text">The document.</param>
    /// <param name="sourceName">File path or other name that errors are reported against.</param>
    /// <param name="protocol">The (valid) protocol simulated; null to check the settings alone.</param>
    public static DocumentLoadResult<SyntheticSettings> Parse(string text, string sourceName, ProtocolDocument? protocol = null) =>
        DocumentReader.Parse<SyntheticSettings>(text, sourceName, SchemaValidator.Synthetic, (s, errors) =>
        {
            SyntheticChecks.Run(s, errors);
            if (protocol is not null) SyntheticChecks.Against(s, protocol, errors);
        });
}

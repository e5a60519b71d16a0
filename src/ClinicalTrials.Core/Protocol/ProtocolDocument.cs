using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;
using ClinicalTrials.Core.Validation;

namespace ClinicalTrials.Core.Protocol;

/// <summary>
/// A trial protocol (schema <c>https://schemas.clinicaltrials.dev/protocol/v1</c>): arms, eligibility,
/// visits, endpoints on LOINC-coded observations, randomization, alpha, sample size and sites.
/// Registered by hash before enrollment; an amendment is a new <see cref="Version"/>.
/// </summary>
public sealed record ProtocolDocument
{
    /// <summary>Document format version; 1.</summary>
    public required int SchemaVersion { get; init; }

    /// <summary>Trial identifier.</summary>
    public required string TrialId { get; init; }

    /// <summary>Protocol version (amendments increase it).</summary>
    public required string Version { get; init; }

    /// <summary>Title.</summary>
    public required string Title { get; init; }

    /// <summary>Phase.</summary>
    public required TrialPhase Phase { get; init; }

    /// <summary>Arms; their ids are the levels of <c>arm</c>.</summary>
    public required ImmutableArray<Arm> Arms { get; init; }

    /// <summary>Eligibility criteria.</summary>
    public required Eligibility Eligibility { get; init; }

    /// <summary>Visit schedule.</summary>
    public required ImmutableArray<Visit> Visits { get; init; }

    /// <summary>Endpoints; exactly one is primary.</summary>
    public required ImmutableArray<Endpoint> Endpoints { get; init; }

    /// <summary>Baseline covariates available to analyses.</summary>
    public ImmutableArray<BaselineCovariate> BaselineCovariates { get; init; } = [];

    /// <summary>Randomization scheme.</summary>
    public required Randomization Randomization { get; init; }

    /// <summary>Overall two-sided type I error rate.</summary>
    public required double Alpha { get; init; }

    /// <summary>Planned number of randomized participants.</summary>
    public required int PlannedSampleSize { get; init; }

    /// <summary>Participating sites.</summary>
    public required ImmutableArray<Site> Sites { get; init; }

    /// <summary>The primary endpoint (the first, should a document wrongly have several).</summary>
    [JsonIgnore]
    public Endpoint? PrimaryEndpoint => Endpoints.FirstOrDefault(e => e.Role == EndpointRole.Primary);

    /// <summary>The columns of the derived dataset this protocol defines (see <see cref="Protocol.DerivedDataset"/>).</summary>
    public DerivedDataset DerivedDataset()
    {
        IEnumerable<DerivedVariable> All()
        {
            yield return new DerivedVariable("arm", VariableKind.Categorical, [.. Arms.Select(a => a.Id)], "$.arms");
            yield return new DerivedVariable("site", VariableKind.Categorical,
                [.. Sites.Select(s => s.Number.ToString(CultureInfo.InvariantCulture))], "$.sites");
            for (var i = 0; i < Randomization.Strata.Length; i++)
                if (Randomization.Strata[i].Name != "site")
                    yield return new DerivedVariable(Randomization.Strata[i].Name, VariableKind.Categorical, Randomization.Strata[i].Levels, $"$.randomization.strata[{i}]");
            for (var i = 0; i < Endpoints.Length; i++)
                foreach (var v in Endpoints[i].DerivedVariables($"$.endpoints[{i}]"))
                    yield return v;
            for (var i = 0; i < BaselineCovariates.Length; i++)
                yield return BaselineCovariates[i].DerivedVariable($"$.baseline_covariates[{i}]");
        }
        return new DerivedDataset(All());
    }

    /// <summary>Reads and validates the protocol at <paramref name="path"/>.</summary>
    public static DocumentLoadResult<ProtocolDocument> Load(string path) => DocumentReader.Load(path, Parse);

    /// <summary>
    /// Validates <paramref name="text"/> (syntax, schema, then semantics: LOINC check digits, UCUM units,
    /// windows, ids, randomization) and returns the protocol or every error found.
    /// </summary>
    /// <param name="text">The document.</param>
    /// <param name="sourceName">File path or other name that errors are reported against.</param>
    public static DocumentLoadResult<ProtocolDocument> Parse(string text, string sourceName) =>
        DocumentReader.Parse<ProtocolDocument>(text, sourceName, SchemaValidator.Protocol, ProtocolChecks.Run);
}

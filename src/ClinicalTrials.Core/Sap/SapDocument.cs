using System.Collections.Immutable;
using System.Text.Json.Serialization;
using ClinicalTrials.Core.Protocol;
using ClinicalTrials.Core.Validation;

namespace ClinicalTrials.Core.Sap;

/// <summary>
/// A statistical analysis plan (schema <c>https://schemas.clinicaltrials.dev/sap/v1</c>): analyses in
/// the reference kit's <c>analyses.json</c> format, the primary analysis, an optional interim plan and
/// the rule for missing sites. A separate document from the protocol it references.
/// </summary>
public sealed record SapDocument
{
    /// <summary>Document format version; 1.</summary>
    public required int SchemaVersion { get; init; }

    /// <summary>Trial id (the protocol's).</summary>
    public required string TrialId { get; init; }

    /// <summary>SAP version (amendments increase it).</summary>
    public required string Version { get; init; }

    /// <summary>Title.</summary>
    public string? Title { get; init; }

    /// <summary>The protocol this plan analyses.</summary>
    public required ProtocolReference Protocol { get; init; }

    /// <summary>The analyses, run on the protocol's derived dataset.</summary>
    public required ImmutableArray<AnalysisSpec> Analyses { get; init; }

    /// <summary>Id of the primary analysis.</summary>
    public required string Primary { get; init; }

    /// <summary>Group-sequential interim plan, if any.</summary>
    public InterimPlan? Interim { get; init; }

    /// <summary>What happens when sites do not contribute.</summary>
    public required MissingSiteRule MissingSites { get; init; }

    /// <summary>The analysis named by <see cref="Primary"/>, or null.</summary>
    [JsonIgnore]
    public AnalysisSpec? PrimaryAnalysis => Analyses.FirstOrDefault(a => a.Id == Primary);

    /// <summary>Reads and validates the SAP at <paramref name="path"/>; see <see cref="Parse"/>.</summary>
    public static DocumentLoadResult<SapDocument> Load(string path, ProtocolDocument? protocol = null) =>
        DocumentReader.Load(path, (text, source) => Parse(text, source, protocol));

    /// <summary>
    /// Validates <paramref name="text"/> (syntax, schema, the plan's own consistency) and, given the
    /// <paramref name="protocol"/>, that it references that protocol and uses only variables and levels
    /// of its derived dataset. Returns the SAP or every error found.
    /// </summary>
    /// <param name="text">The document.</param>
    /// <param name="sourceName">File path or other name that errors are reported against.</param>
    /// <param name="protocol">The (valid) protocol the SAP must fit; null to check the SAP alone.</param>
    public static DocumentLoadResult<SapDocument> Parse(string text, string sourceName, ProtocolDocument? protocol = null) =>
        DocumentReader.Parse<SapDocument>(text, sourceName, SchemaValidator.Sap, (sap, errors) =>
        {
            SapChecks.Run(sap, errors);
            if (protocol is not null) SapChecks.Against(sap, protocol, errors);
        });

    /// <summary>The errors of this SAP against <paramref name="protocol"/> (reference, variables, levels, alpha, sites).</summary>
    public ImmutableArray<DocumentError> CheckAgainst(ProtocolDocument protocol, string sourceName)
    {
        var errors = new ErrorList(sourceName);
        SapChecks.Against(this, protocol, errors);
        return errors.ToImmutable();
    }
}

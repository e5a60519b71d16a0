using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>Cochran–Mantel–Haenszel test over 2×2 tables stratified by site, with the MH common OR and Breslow–Day.</summary>
public sealed record CmhSpec : AnalysisSpec
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => "cmh";

    /// <summary>Exposure column.</summary>
    public required string Exposure { get; init; }

    /// <summary>Outcome column.</summary>
    public required string Outcome { get; init; }

    /// <summary>Stratification variable; only <c>site</c> is supported (each site is a stratum).</summary>
    public string Strata { get; init; } = "site";

    /// <summary>[treated, control]; rows with other exposure values are not used.</summary>
    public required IReadOnlyList<string> ExposureLevels { get; init; }

    /// <summary>The outcome value that counts as the event; other values are non-events.</summary>
    [JsonConverter(typeof(SpecValueJsonConverter))]
    public required string OutcomeEvent { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Variables() => [Exposure, Outcome];
}

namespace ClinicalTrials.Statistics.Methods.Meta;

/// <summary>One site's estimate in a meta-analysis result.</summary>
public sealed record MetaSiteRow
{
    /// <summary>Site number.</summary>
    public required int Site { get; init; }

    /// <summary>The site's estimate.</summary>
    public required double Estimate { get; init; }

    /// <summary>Its standard error.</summary>
    public required double StdError { get; init; }
}

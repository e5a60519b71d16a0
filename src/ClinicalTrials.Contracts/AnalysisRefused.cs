namespace ClinicalTrials.Contracts;

/// <summary>A site declined to answer an <see cref="AnalysisRequested"/>, and says why.</summary>
[GenerateSerializer, Alias("ct.AnalysisRefused.v1")]
public sealed record AnalysisRefused
{
    /// <summary>The request refused.</summary>
    [Id(0)] public required Guid RequestId { get; init; }

    /// <summary>The analysis run.</summary>
    [Id(1)] public required string RunId { get; init; }

    /// <summary>Trial id.</summary>
    [Id(2)] public required string TrialId { get; init; }

    /// <summary>The refusing site's protocol id.</summary>
    [Id(3)] public required string SiteId { get; init; }

    /// <summary>The analysis' id in the SAP.</summary>
    [Id(4)] public required string AnalysisId { get; init; }

    /// <summary>Round number.</summary>
    [Id(5)] public required int Round { get; init; }

    /// <summary>The rule that refused (e.g. <c>min_cell_count</c>, <c>sap_not_registered</c>, <c>differencing</c>).</summary>
    [Id(6)] public required string Rule { get; init; }

    /// <summary>The site's explanation, naming the rule, threshold and what fell short.</summary>
    [Id(7)] public required string Reason { get; init; }
}

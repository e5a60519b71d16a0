namespace ClinicalTrials.Contracts;

/// <summary>A site's signed answer to an <see cref="AnalysisRequested"/>.</summary>
[GenerateSerializer, Alias("ct.SiteAggregateReady.v1")]
public sealed record SiteAggregateReady
{
    /// <summary>The request answered.</summary>
    [Id(0)] public required Guid RequestId { get; init; }

    /// <summary>The analysis run.</summary>
    [Id(1)] public required string RunId { get; init; }

    /// <summary>Trial id.</summary>
    [Id(2)] public required string TrialId { get; init; }

    /// <summary>The answering site's protocol id.</summary>
    [Id(3)] public required string SiteId { get; init; }

    /// <summary>The analysis' id in the SAP.</summary>
    [Id(4)] public required string AnalysisId { get; init; }

    /// <summary>Round number.</summary>
    [Id(5)] public required int Round { get; init; }

    /// <summary>
    /// A signed envelope (JSON) whose payload is an <see cref="AggregateStatement"/>: the aggregate
    /// bound to the trial, SAP, run, round and request it answers, signed with the site's Ed25519 key.
    /// </summary>
    [Id(6)] public required string SignedStatement { get; init; }
}

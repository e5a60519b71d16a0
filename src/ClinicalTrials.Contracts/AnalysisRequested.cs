namespace ClinicalTrials.Contracts;

/// <summary>
/// The coordinator asks one site for its aggregate for one round of one analysis of the
/// registered SAP. Sent to the site's own queue (<see cref="SiteEndpoints.QueueName"/>).
/// </summary>
[GenerateSerializer, Alias("ct.AnalysisRequested.v1")]
public sealed record AnalysisRequested
{
    /// <summary>Unique per message; the site answers each id once and replays its answer to a duplicate.</summary>
    [Id(0)] public required Guid RequestId { get; init; }

    /// <summary>The analysis run (all rounds of one analysis share it).</summary>
    [Id(1)] public required string RunId { get; init; }

    /// <summary>Trial id as registered.</summary>
    [Id(2)] public required string TrialId { get; init; }

    /// <summary>The site's protocol id (e.g. <c>bos-01</c>).</summary>
    [Id(3)] public required string SiteId { get; init; }

    /// <summary>Hash (<c>sha256:…</c>) of the SAP the analysis belongs to; the site refuses any but the registered one.</summary>
    [Id(4)] public required string SapHash { get; init; }

    /// <summary>The analysis' id in the SAP.</summary>
    [Id(5)] public required string AnalysisId { get; init; }

    /// <summary>Round number, from 0.</summary>
    [Id(6)] public required int Round { get; init; }

    /// <summary>The statistics engine's round request as JSON (spec, round, sites, parameter vector).</summary>
    [Id(7)] public required string RoundRequest { get; init; }

    /// <summary>Data lock: only data effective at or before this time is used; null = all data now.</summary>
    [Id(8)] public DateTimeOffset? DataCutoff { get; init; }

    /// <summary>The refusal of this request by site <paramref name="siteId"/>, under <paramref name="rule"/>, for <paramref name="reason"/>.</summary>
    public AnalysisRefused Refusal(string siteId, string rule, string reason) => new()
    {
        RequestId = RequestId,
        RunId = RunId,
        TrialId = TrialId,
        SiteId = siteId,
        AnalysisId = AnalysisId,
        Round = Round,
        Rule = rule,
        Reason = reason,
    };
}

using ClinicalTrials.Contracts;

namespace ClinicalTrials.Site.Answering;

/// <summary>A site's reply to an analysis request: exactly one of a signed aggregate or a refusal.</summary>
[GenerateSerializer, Alias("ct.SiteAnswer.v1")]
public sealed record SiteAnswer
{
    /// <summary>The signed aggregate, when answered.</summary>
    [Id(0)] public SiteAggregateReady? Ready { get; init; }

    /// <summary>The refusal, when refused.</summary>
    [Id(1)] public AnalysisRefused? Refused { get; init; }

    /// <summary>The reply as a bus message.</summary>
    public object Message => (object?)Ready ?? Refused ?? throw new InvalidOperationException("empty answer");
}

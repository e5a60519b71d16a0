namespace ClinicalTrials.Contracts;

/// <summary>Queue names on the bus. Each site organisation reads only its own queue.</summary>
public static class SiteEndpoints
{
    /// <summary>The queue a site's agent consumes <see cref="AnalysisRequested"/> from.</summary>
    public static string QueueName(string siteId) => "site-" + siteId;

    /// <summary>The same, as a MassTransit short address (<c>queue:site-…</c>).</summary>
    public static Uri Address(string siteId) => new("queue:" + QueueName(siteId));
}

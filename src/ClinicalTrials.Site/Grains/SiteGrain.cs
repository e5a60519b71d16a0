using ClinicalTrials.Contracts;
using ClinicalTrials.Site.Answering;
using ClinicalTrials.Site.Hosting;

namespace ClinicalTrials.Site.Grains;

/// <summary>
/// A trial at a site. Holds no state of its own: the site's database is the record (query log,
/// consents, randomizations), so the grain may be deactivated and reactivated freely.
/// </summary>
public sealed class SiteGrain(HostedSites sites) : Grain, ISiteGrain
{
    /// <inheritdoc />
    public Task<SiteAnswer> AnswerAsync(AnalysisRequested request)
    {
        var (siteId, trialId) = SiteGrainKey.Parse(this.GetPrimaryKeyString());
        if (request.SiteId != siteId || request.TrialId != trialId)
            throw new ArgumentException($"request for {request.SiteId}/{request.TrialId} sent to grain {siteId}/{trialId}", nameof(request));
        var site = sites.Find(siteId) ?? throw new InvalidOperationException($"site '{siteId}' is not hosted by this agent");
        // Deriving a dataset and running a site step is CPU and DuckDB work; keep it off the grain scheduler's threads.
        return Task.Run(() => site.Analyst.AnswerAsync(request));
    }
}

using ClinicalTrials.Site.Answering;
using ClinicalTrials.Site.Store;

namespace ClinicalTrials.Site.Hosting;

/// <summary>A site organisation served by this agent: its store and the services over it.</summary>
/// <param name="SiteId">The site's id.</param>
/// <param name="Store">The site's database.</param>
/// <param name="Analyst">Answers analysis requests for the site.</param>
public sealed record HostedSite(string SiteId, SiteStore Store, SiteAnalyst Analyst);

using System.Collections.Frozen;

namespace ClinicalTrials.Site.Hosting;

/// <summary>The sites this agent serves (one agent may serve several sites of an organisation).</summary>
public sealed class HostedSites
{
    private readonly FrozenDictionary<string, HostedSite> _sites;

    /// <summary>Creates the set; site ids must be distinct.</summary>
    public HostedSites(IEnumerable<HostedSite> sites)
    {
        var list = sites.ToList();
        var repeated = list.GroupBy(s => s.SiteId).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new ArgumentException($"site '{repeated.Key}' is hosted twice", nameof(sites));
        _sites = list.ToFrozenDictionary(s => s.SiteId, StringComparer.Ordinal);
        SiteIds = [.. list.Select(s => s.SiteId)];
    }

    /// <summary>The hosted site ids, in the order given.</summary>
    public IReadOnlyList<string> SiteIds { get; }

    /// <summary>The site <paramref name="siteId"/>, or null when this agent does not serve it.</summary>
    public HostedSite? Find(string siteId) => _sites.GetValueOrDefault(siteId);
}

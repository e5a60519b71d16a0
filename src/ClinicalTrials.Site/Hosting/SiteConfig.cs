using System.Text.Json.Serialization;

namespace ClinicalTrials.Site.Hosting;

/// <summary>A site directory's <c>site.json</c>: who the site is and which ledger it anchors on.</summary>
public sealed record SiteConfig
{
    /// <summary>The site's id as protocols list it (e.g. <c>bos-01</c>).</summary>
    [JsonPropertyName("site_id")] public required string SiteId { get; init; }

    /// <summary>The ledger the site reads registrations from and anchors its events on; null until configured.</summary>
    [JsonPropertyName("ledger")] public LedgerConfig? Ledger { get; init; }
}

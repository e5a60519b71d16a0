using ClinicalTrials.Core.Signing;

namespace ClinicalTrials.Site.Answering;

/// <summary>Who a site is: its organisation's id in the protocols and its signing key (which never leaves the site).</summary>
/// <param name="SiteId">The site's id, as the protocols list it (e.g. <c>bos-01</c>).</param>
/// <param name="Key">The site's Ed25519 signing key.</param>
public sealed record SiteIdentity(string SiteId, SigningKey Key);

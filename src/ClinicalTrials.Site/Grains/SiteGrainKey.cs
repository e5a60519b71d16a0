namespace ClinicalTrials.Site.Grains;

/// <summary>Keys of <see cref="ISiteGrain"/>: <c>{siteId}/{trialId}</c>.</summary>
public static class SiteGrainKey
{
    /// <summary>The key of the grain for <paramref name="trialId"/> at <paramref name="siteId"/>.</summary>
    public static string For(string siteId, string trialId) => $"{siteId}/{trialId}";

    /// <summary>Splits a key back into site and trial.</summary>
    public static (string SiteId, string TrialId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1) throw new ArgumentException($"not a site grain key: '{key}' (expected site/trial)", nameof(key));
        return (key[..slash], key[(slash + 1)..]);
    }
}

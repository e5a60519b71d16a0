namespace ClinicalTrials.Site.Answering;

/// <summary>Derives a joined trial's analysis dataset from the site's store.</summary>
public interface ISiteDatasets
{
    /// <summary>The dataset of <paramref name="trial"/> using data effective at or before <paramref name="cutoff"/> (all data when null).</summary>
    SiteDataset Derive(JoinedTrial trial, DateTimeOffset? cutoff);
}

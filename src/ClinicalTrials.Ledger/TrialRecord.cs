namespace ClinicalTrials.Ledger;

/// <summary>A trial as the ledger knows it: its sponsor account, every version, every site key.</summary>
public sealed record TrialRecord(string TrialId, string Sponsor, IReadOnlyList<TrialVersion> Versions, IReadOnlyList<SiteKeyRecord> SiteKeys)
{
    /// <summary>The current (latest) version.</summary>
    public TrialVersion Current => Versions[^1];
}

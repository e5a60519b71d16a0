using ClinicalTrials.Core.Hashing;

namespace ClinicalTrials.Ledger.Embedded;

/// <summary>One trial's replayed state. Mutated only by <see cref="LedgerState.Apply"/>.</summary>
internal sealed class TrialState(string sponsor)
{
    public string Sponsor { get; } = sponsor;

    public List<TrialVersion> Versions { get; } = [];

    /// <summary>Every key ever registered, revoked ones included, in ledger order.</summary>
    public List<SiteKeyRecord> SiteKeys { get; } = [];

    /// <summary>Site id → index in <see cref="SiteKeys"/> of its active key.</summary>
    public Dictionary<string, int> ActiveSiteKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Anchor account → number of active site keys naming it (two sites may share one account).</summary>
    public Dictionary<string, int> ActiveAnchorAccounts { get; } = new(StringComparer.Ordinal);

    public List<AnchorRecord> Anchors { get; } = [];

    /// <summary>Root → its first anchor in this trial.</summary>
    public Dictionary<ContentHash, AnchorRecord> AnchorsByRoot { get; } = [];
}

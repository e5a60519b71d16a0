namespace ClinicalTrials.Site.Trials;

/// <summary>How far an event has got towards the ledger.</summary>
public enum AnchorState
{
    /// <summary>In an open batch, or in a sealed batch waiting for the ledger.</summary>
    Pending,

    /// <summary>Its batch's root is on the ledger.</summary>
    Anchored,

    /// <summary>It never reached the disk before a restart, so no batch holds it; it must be added again.</summary>
    Lost,
}

namespace ClinicalTrials.Ledger.Batching;

/// <summary>The events of one (trial, kind): the lock that orders them and the batch taking them.</summary>
internal sealed class BatchStream(string trialId, AnchorKind kind)
{
    public Lock Gate { get; } = new();

    public string TrialId { get; } = trialId;

    public AnchorKind Kind { get; } = kind;

    /// <summary>The open batch, or null until the next event opens one. Guarded by <see cref="Gate"/>.</summary>
    public OpenBatch? Current { get; set; }
}

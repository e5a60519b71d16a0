namespace ClinicalTrials.Ledger.Batching;

/// <summary>A batch as the running batcher tracks it: its directory, latest manifest and completion signals.</summary>
internal sealed class BatchEntry(string directory, BatchManifest manifest)
{
    private BatchManifest _manifest = manifest;

    public string Directory { get; } = directory;

    public long Id { get; } = manifest.BatchId;

    /// <summary>The manifest as last written; replaced whole, so readers on other threads see a consistent one.</summary>
    public BatchManifest Manifest
    {
        get => Volatile.Read(ref _manifest);
        set => Volatile.Write(ref _manifest, value);
    }

    /// <summary>Completes with the receipt once the root is on the ledger.</summary>
    public TaskCompletionSource<LedgerReceipt> Anchored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Earliest next anchoring attempt for this batch (after the ledger refused it); the anchor queue's own.</summary>
    public DateTimeOffset NotBefore { get; set; } = DateTimeOffset.MinValue;
}

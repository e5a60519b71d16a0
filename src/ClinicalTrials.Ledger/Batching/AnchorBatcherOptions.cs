using ClinicalTrials.Core.Merkle;

namespace ClinicalTrials.Ledger.Batching;

/// <summary>How an <see cref="AnchorBatcher"/> stores, closes and anchors batches.</summary>
public sealed record AnchorBatcherOptions
{
    /// <summary>The durable store: one sub-directory per batch. Created when missing; reopened as it is.</summary>
    public required string Directory { get; init; }

    /// <summary>A batch is sealed when it holds this many events.</summary>
    public int MaxEvents { get; init; } = 100_000;

    /// <summary>A batch is sealed this long after its first event, however few it holds.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>First wait after the ledger was unavailable; doubles per failure up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between anchoring attempts (also the wait before retrying a batch the ledger refused).</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Makes the nonce source of one producer thread (called once per thread that adds events, since
    /// nonce sources are not thread-safe). Defaults to the OS CSPRNG; tests pass seeded sources.
    /// </summary>
    public Func<INonceSource> NonceSources { get; init; } = static () => new CryptoNonceSource();

    /// <summary>
    /// Sealed batches whose proof trees are kept in memory for repeated proofs: 36 bytes per event
    /// each (the leaf hashes and the builder's subtree cache), 36 MB for a batch of a million.
    /// </summary>
    public int ProofTreeCacheSize { get; init; } = 4;

    /// <summary>Write buffer per open batch file: leaf data reaches the disk in appends of this size.</summary>
    public int WriteBufferSize { get; init; } = 1 << 20;
}

using ClinicalTrials.Core.Merkle;

namespace ClinicalTrials.Ledger.Batching;

/// <summary>
/// Consecutive events of one batch waiting for the writer: their leaf hashes and commitments side
/// by side, so producers only copy 96 bytes under the stream's lock and the writer folds and
/// writes whole chunks.
/// </summary>
internal sealed class StagingChunk(int capacity)
{
    public int Capacity { get; } = capacity;

    public byte[] Leaves { get; } = GC.AllocateUninitializedArray<byte>(capacity * NodeHash.Size);

    public byte[] Commitments { get; } = GC.AllocateUninitializedArray<byte>(capacity * BatchFiles.CommitmentSize);

    public int Count { get; set; }

    /// <summary>Writer threads still using the chunk; it goes back to the pool at 0.</summary>
    public int Pending;

    public bool IsFull => Count == Capacity;

    public void Add(ReadOnlySpan<byte> leafHash, ReadOnlySpan<byte> commitment)
    {
        leafHash.CopyTo(Leaves.AsSpan(Count * NodeHash.Size, NodeHash.Size));
        commitment.CopyTo(Commitments.AsSpan(Count * BatchFiles.CommitmentSize, BatchFiles.CommitmentSize));
        Count++;
    }
}

namespace ClinicalTrials.Core.Merkle;

/// <summary>Leaf hashes kept in memory: 32 bytes per leaf (320 MB for 10^7 leaves).</summary>
public sealed class MemoryLeafHashStore : ILeafHashStore
{
    private readonly HashList _hashes = new();

    /// <inheritdoc />
    public long Count => _hashes.Count;

    /// <inheritdoc />
    public void Append(ReadOnlySpan<byte> leafHash) => _hashes.Append(leafHash);

    /// <inheritdoc />
    public void Read(long index, Span<byte> destination) => _hashes.Read(index, destination);
}

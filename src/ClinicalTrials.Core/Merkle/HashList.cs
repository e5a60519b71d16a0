namespace ClinicalTrials.Core.Merkle;

/// <summary>
/// Growable list of 32-byte hashes in fixed 1 MiB chunks: exactly 32 bytes per entry with no
/// doubling copies and no single array near the 2 GB limit, even at 10^7+ entries.
/// </summary>
internal sealed class HashList
{
    private const int ChunkBits = 15;
    private const int ChunkEntries = 1 << ChunkBits;
    private const int Size = NodeHash.Size;

    private readonly List<byte[]> _chunks = [];

    public long Count { get; private set; }

    public void Append(ReadOnlySpan<byte> hash)
    {
        int offset = (int)(Count & (ChunkEntries - 1));
        if (offset == 0) _chunks.Add(GC.AllocateUninitializedArray<byte>(ChunkEntries * Size));
        hash[..Size].CopyTo(_chunks[^1].AsSpan(offset * Size));
        Count++;
    }

    public void Read(long index, Span<byte> destination)
    {
        long count = destination.Length / Size;
        if (index < 0 || index + count > Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"hashes [{index}, {index + count}) are not all among the {Count} stored");
        while (!destination.IsEmpty)
        {
            int offset = (int)(index & (ChunkEntries - 1));
            int n = Math.Min(destination.Length / Size, ChunkEntries - offset);
            _chunks[(int)(index >> ChunkBits)].AsSpan(offset * Size, n * Size).CopyTo(destination);
            destination = destination[(n * Size)..];
            index += n;
        }
    }
}

namespace ClinicalTrials.Core.Merkle;

/// <summary>
/// Roots of complete, aligned subtrees of height ≥ <see cref="MinHeight"/>, recorded as the
/// builder forms them. Costs 64 / 2^MinHeight bytes per leaf (4 bytes at the default 4) and
/// turns an O(n) audit path computation into O(2^MinHeight + log n).
/// </summary>
internal sealed class SubtreeCache(int minHeight)
{
    private readonly List<HashList> _levels = [];

    public int MinHeight { get; } = minHeight;

    /// <summary>Records the root of the next complete subtree of height <paramref name="height"/>.</summary>
    public void Add(int height, ReadOnlySpan<byte> hash)
    {
        int level = height - MinHeight;
        while (_levels.Count <= level) _levels.Add(new HashList());
        _levels[level].Append(hash);
    }

    /// <summary>Reads the root of the subtree of height <paramref name="height"/> starting at leaf <c>index · 2^height</c>.</summary>
    public bool TryRead(int height, long index, Span<byte> destination)
    {
        int level = height - MinHeight;
        if (level < 0 || level >= _levels.Count || index >= _levels[level].Count) return false;
        _levels[level].Read(index, destination[..NodeHash.Size]);
        return true;
    }
}

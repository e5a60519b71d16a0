namespace ClinicalTrials.Core.Merkle;

/// <summary>
/// Append-only list of 32-byte leaf hashes: all a tree needs to produce proofs later, without
/// holding the events. In memory (<see cref="MemoryLeafHashStore"/>) or in a stream or file
/// (<see cref="StreamLeafHashStore"/>).
/// </summary>
public interface ILeafHashStore
{
    /// <summary>Number of leaf hashes stored.</summary>
    long Count { get; }

    /// <summary>Appends one 32-byte leaf hash.</summary>
    void Append(ReadOnlySpan<byte> leafHash);

    /// <summary>Reads <c>destination.Length / 32</c> consecutive leaf hashes starting at <paramref name="index"/>.</summary>
    void Read(long index, Span<byte> destination);
}

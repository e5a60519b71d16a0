namespace ClinicalTrials.Core.Merkle;

/// <summary>
/// Leaf hashes in a seekable stream (typically a file), 32 bytes each, in leaf order and with
/// no header, so the file is also a plain export of the leaves. Memory use is independent of
/// the number of leaves. Not thread-safe.
/// </summary>
public sealed class StreamLeafHashStore : ILeafHashStore, IDisposable
{
    private const int Size = NodeHash.Size;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private bool _unflushed;

    /// <summary>Uses <paramref name="stream"/>, which must be readable and seekable; leaves already in it count.</summary>
    /// <exception cref="ArgumentException">The stream cannot be read or seeked.</exception>
    /// <exception cref="InvalidDataException">The stream length is not a multiple of 32 bytes.</exception>
    public StreamLeafHashStore(Stream stream, bool leaveOpen = false)
    {
        if (!stream.CanRead || !stream.CanSeek)
            throw new ArgumentException("a leaf hash stream must be readable and seekable (proofs read it back)", nameof(stream));
        if (stream.Length % Size != 0)
            throw new InvalidDataException($"leaf hash stream is {stream.Length} bytes, not a multiple of {Size}: truncated or not a leaf hash file");
        _stream = stream;
        _leaveOpen = leaveOpen;
        Count = stream.Length / Size;
    }

    /// <summary>Creates a new leaf hash file; fails if <paramref name="path"/> exists.</summary>
    public static StreamLeafHashStore Create(string path) =>
        new(new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, bufferSize: 1 << 16));

    /// <summary>Opens an existing leaf hash file to prove from it or append to it.</summary>
    public static StreamLeafHashStore Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, bufferSize: 1 << 16));

    /// <inheritdoc />
    public long Count { get; private set; }

    /// <inheritdoc />
    public void Append(ReadOnlySpan<byte> leafHash)
    {
        long end = Count * Size;
        if (_stream.Position != end) _stream.Position = end;
        _stream.Write(leafHash[..Size]);
        _unflushed = true;
        Count++;
    }

    /// <inheritdoc />
    public void Read(long index, Span<byte> destination)
    {
        long count = destination.Length / Size;
        if (index < 0 || index + count > Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"leaves [{index}, {index + count}) are not all among the {Count} stored");
        if (_unflushed)
        {
            _stream.Flush(); // generic streams need not see their own buffered writes
            _unflushed = false;
        }
        _stream.Position = index * Size;
        _stream.ReadExactly(destination[..(int)(count * Size)]);
    }

    /// <summary>Flushes pending writes to the stream.</summary>
    public void Flush()
    {
        _stream.Flush();
        _unflushed = false;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_leaveOpen) _stream.Flush();
        else _stream.Dispose();
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ClinicalTrials.Core.Merkle;

/// <summary>
/// Deterministic nonces: block i is SHA-256(seed || i). The same seed replays the same nonces,
/// which makes tests and simulated trials reproducible; the nonces are only as secret as the seed.
/// Not thread-safe.
/// </summary>
public sealed class SeededNonceSource : INonceSource
{
    private readonly byte[] _input = new byte[32 + sizeof(ulong)];
    private readonly byte[] _block = new byte[32];
    private ulong _counter;
    private int _used = 32;

    /// <summary>Seeds from arbitrary bytes (hashed to 32 bytes).</summary>
    public SeededNonceSource(ReadOnlySpan<byte> seed) => SHA256.HashData(seed, _input);

    /// <summary>Seeds from a number, for tests.</summary>
    public SeededNonceSource(long seed) : this(BigEndian(seed)) { }

    /// <inheritdoc />
    public void Fill(Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            if (_used == _block.Length)
            {
                BinaryPrimitives.WriteUInt64BigEndian(_input.AsSpan(32), _counter++);
                SHA256.HashData(_input, _block);
                _used = 0;
            }
            int n = Math.Min(destination.Length, _block.Length - _used);
            _block.AsSpan(_used, n).CopyTo(destination);
            _used += n;
            destination = destination[n..];
        }
    }

    private static byte[] BigEndian(long seed)
    {
        var bytes = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, seed);
        return bytes;
    }
}

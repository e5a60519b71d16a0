using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ClinicalTrials.Site.Randomization;

/// <summary>
/// The stream of uniform integers a stratum's allocation list is drawn from. Exact definition, for
/// anyone re-implementing it:
/// <list type="number">
/// <item>Hash block c (c = 0, 1, 2, …) is <c>H(c) = SHA-256(seed ‖ UTF-8(stratum key) ‖ c as 8-byte unsigned big-endian)</c>,
/// where seed is the 32 seed bytes. (Seed and counter have fixed lengths, so the key between them is unambiguous.)</item>
/// <item>A draw of an integer uniform on 0 … n−1 takes the next block, reads its first 8 bytes as an
/// unsigned big-endian integer x, and advances c. It accepts x when x &lt; 2^64 − (2^64 mod n) and
/// returns x mod n; otherwise it rejects x and tries the next block (rejection sampling removes the
/// modulo bias). The other 24 bytes of every block are unused.</item>
/// </list>
/// In Python: <c>x = int.from_bytes(hashlib.sha256(seed + key.encode() + c.to_bytes(8, "big")).digest()[:8], "big")</c>.
/// </summary>
public sealed class DrawStream
{
    private readonly byte[] _input;
    private readonly int _counterOffset;
    private readonly byte[] _block = new byte[32];

    /// <summary>The stream of <paramref name="stratumKey"/> under <paramref name="seed"/> (32 bytes).</summary>
    public DrawStream(ReadOnlySpan<byte> seed, string stratumKey)
    {
        if (seed.Length != 32) throw new ArgumentException($"a seed is 32 bytes, got {seed.Length}", nameof(seed));
        var key = Encoding.UTF8.GetBytes(stratumKey);
        _input = new byte[seed.Length + key.Length + sizeof(ulong)];
        seed.CopyTo(_input);
        key.CopyTo(_input, seed.Length);
        _counterOffset = seed.Length + key.Length;
    }

    /// <summary>Hash blocks used so far (the next block's counter c).</summary>
    public ulong Counter { get; private set; }

    /// <summary>The next raw 64-bit value: the first 8 bytes of the next block, big-endian.</summary>
    public ulong NextRaw()
    {
        BinaryPrimitives.WriteUInt64BigEndian(_input.AsSpan(_counterOffset), Counter++);
        SHA256.HashData(_input, _block);
        return BinaryPrimitives.ReadUInt64BigEndian(_block);
    }

    /// <summary>An integer uniform on 0 … <paramref name="n"/> − 1, by rejection sampling.</summary>
    public int Next(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        while (true)
        {
            var x = NextRaw();
            if (Accepts(x, n)) return (int)(x % (ulong)n);
        }
    }

    /// <summary>True when <paramref name="x"/> &lt; 2^64 − (2^64 mod <paramref name="n"/>): the values that map onto 0 … n−1 evenly.</summary>
    internal static bool Accepts(ulong x, int n)
    {
        var range = (ulong)n;
        var excess = (ulong.MaxValue % range + 1) % range; // 2^64 mod n
        return excess == 0 || x < 0UL - excess;
    }
}

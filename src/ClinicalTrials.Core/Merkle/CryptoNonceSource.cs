using System.Security.Cryptography;

namespace ClinicalTrials.Core.Merkle;

/// <summary>
/// Nonces from the operating system's CSPRNG. Draws in blocks because one call per 32-byte
/// nonce would dominate the cost of building large trees. Not thread-safe.
/// </summary>
public sealed class CryptoNonceSource : INonceSource
{
    private readonly byte[] _block = new byte[4096];
    private int _used;

    /// <summary>Starts with an empty block, filled on first use.</summary>
    public CryptoNonceSource() => _used = _block.Length;

    /// <inheritdoc />
    public void Fill(Span<byte> destination)
    {
        if (destination.Length > _block.Length)
        {
            RandomNumberGenerator.Fill(destination);
            return;
        }
        if (_block.Length - _used < destination.Length)
        {
            RandomNumberGenerator.Fill(_block);
            _used = 0;
        }
        var served = _block.AsSpan(_used, destination.Length);
        served.CopyTo(destination);
        served.Clear(); // a nonce handed out must not linger in this buffer
        _used += destination.Length;
    }
}

using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace ClinicalTrials.Core.Merkle;

/// <summary>
/// SHA-256 through OpenSSL's low-level <c>SHA256_Init/Update/Final</c> with the context on the
/// stack. On Linux, .NET hashes through OpenSSL 3's EVP layer, whose per-call provider dispatch
/// costs about twice the SHA-NI compression of a 65-byte Merkle node; these entry points skip
/// it (~3× more small hashes per second). They are deprecated in OpenSSL 3, so a missing
/// export, another platform or a failed self-test simply means <see cref="TryLoad"/> returns null
/// and callers use the BCL.
/// </summary>
internal sealed unsafe class OpenSslSha256
{
    /// <summary>sizeof(SHA256_CTX) is 112 in OpenSSL 1.1 and 3.x; the slack guards against layout surprises.</summary>
    private const int ContextSize = 256;

    private readonly delegate* unmanaged[SuppressGCTransition]<byte*, int> _init;
    private readonly delegate* unmanaged[SuppressGCTransition]<byte*, byte*, nuint, int> _update;
    private readonly delegate* unmanaged[SuppressGCTransition]<byte*, byte*, int> _final;

    private OpenSslSha256(nint init, nint update, nint final)
    {
        _init = (delegate* unmanaged[SuppressGCTransition]<byte*, int>)init;
        _update = (delegate* unmanaged[SuppressGCTransition]<byte*, byte*, nuint, int>)update;
        _final = (delegate* unmanaged[SuppressGCTransition]<byte*, byte*, int>)final;
    }

    /// <summary>The library's name, for reports.</summary>
    public string Library { get; private init; } = "";

    /// <summary>Loads the entry points from the libcrypto .NET itself uses; null when unavailable or wrong.</summary>
    public static OpenSslSha256? TryLoad()
    {
        if (!OperatingSystem.IsLinux()) return null;
        foreach (string name in (string[])["libcrypto.so.3", "libcrypto.so.1.1"])
        {
            if (!NativeLibrary.TryLoad(name, out nint library)) continue;
            if (NativeLibrary.TryGetExport(library, "SHA256_Init", out nint init)
                && NativeLibrary.TryGetExport(library, "SHA256_Update", out nint update)
                && NativeLibrary.TryGetExport(library, "SHA256_Final", out nint final))
            {
                var candidate = new OpenSslSha256(init, update, final) { Library = name };
                if (candidate.SelfTest()) return candidate;
            }
        }
        return null;
    }

    /// <summary>Writes SHA-256(<paramref name="data"/>) to the first 32 bytes of <paramref name="destination"/>.</summary>
    public void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < 32) throw new ArgumentException("a SHA-256 digest needs 32 bytes", nameof(destination));
        byte* context = stackalloc byte[ContextSize];
        fixed (byte* input = data)
        fixed (byte* output = destination)
        {
            // Return codes are always 1 for these functions; a wrong library is caught by SelfTest.
            _init(context);
            _update(context, input, (nuint)data.Length);
            _final(output, context);
        }
    }

    private bool SelfTest()
    {
        Span<byte> input = stackalloc byte[200];
        Span<byte> expected = stackalloc byte[32];
        Span<byte> actual = stackalloc byte[32];
        for (int i = 0; i < input.Length; i++) input[i] = (byte)(i * 7 + 3);
        foreach (int length in (int[])[0, 1, 55, 56, 64, 65, 119, 200])
        {
            SHA256.HashData(input[..length], expected);
            Hash(input[..length], actual);
            if (!actual.SequenceEqual(expected)) return false;
        }
        return true;
    }
}

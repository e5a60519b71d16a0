using System.Numerics;
using System.Text;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.JsonRpc.Client;

namespace ClinicalTrials.Ledger.Evm;

/// <summary>
/// Turns a node's answer to a reverted call into the contract's own message: Error(string) is
/// decoded; Panic(uint256) and unknown custom errors are named.
/// </summary>
internal static class RevertReason
{
    private const string ErrorSelector = "08c379a0"; // Error(string)
    private const string PanicSelector = "4e487b71"; // Panic(uint256)

    /// <summary>True when the error is a revert; <paramref name="reason"/> is then its message.</summary>
    public static bool TryFrom(RpcError? error, out string reason)
    {
        reason = "";
        if (error is null) return false;
        string? data;
        try
        {
            data = error.GetDataAsString();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            data = null;
        }

        if (TryDecode(data, out reason)) return true;
        var message = error.Message ?? "";
        const string reverted = "execution reverted";
        if (!message.StartsWith(reverted, StringComparison.OrdinalIgnoreCase)) return false;
        // Nodes that send no data put the reason after "execution reverted: ".
        reason = message.Length > reverted.Length ? message[reverted.Length..].TrimStart(':', ' ') : "";
        if (reason.Length == 0) reason = "execution reverted without a reason";
        return true;
    }

    /// <summary>Decodes ABI-encoded revert data (0x-prefixed hex).</summary>
    public static bool TryDecode(string? data, out string reason)
    {
        reason = "";
        if (data is null || !data.IsHex()) return false;
        var hex = data.RemoveHexPrefix();
        if (hex.Length < 8) return false;
        var selector = hex[..8].ToLowerInvariant();
        byte[] body;
        try
        {
            body = hex[8..].HexToByteArray();
        }
        catch (FormatException)
        {
            return false;
        }

        switch (selector)
        {
            case ErrorSelector when TryDecodeString(body, out var text):
                reason = text;
                return true;
            case PanicSelector when body.Length >= 32:
                var code = new BigInteger(body.AsSpan(0, 32), isUnsigned: true, isBigEndian: true);
                reason = $"panic 0x{code:x2} ({PanicName(code)})";
                return true;
            default:
                reason = $"custom error 0x{selector}";
                return true;
        }
    }

    private static bool TryDecodeString(byte[] body, out string text)
    {
        text = "";
        if (body.Length < 64) return false;
        var offset = new BigInteger(body.AsSpan(0, 32), isUnsigned: true, isBigEndian: true);
        if (offset > body.Length - 32) return false;
        var start = (int)offset;
        var length = new BigInteger(body.AsSpan(start, 32), isUnsigned: true, isBigEndian: true);
        if (length > body.Length - start - 32) return false;
        text = Encoding.UTF8.GetString(body, start + 32, (int)length);
        return true;
    }

    private static string PanicName(BigInteger code) => (int)(code & 0xff) switch
    {
        0x01 => "assertion failed",
        0x11 => "arithmetic overflow",
        0x12 => "division by zero",
        0x21 => "invalid enum value",
        0x31 => "pop from empty array",
        0x32 => "index out of bounds",
        0x41 => "out of memory",
        _ => "internal error",
    };
}

using System.Globalization;
using System.Text;

namespace ClinicalTrials.Core.Canonical;

/// <summary>
/// Formats doubles as ECMAScript <c>Number.prototype.toString</c> does, which is the number
/// serialization RFC 8785 (JCS) prescribes: shortest round-trip digits, exponent form only
/// from 1e21 upwards and below 1e-6, and <c>-0</c> written as <c>0</c>.
/// </summary>
public static class EcmaScriptNumber
{
    /// <summary>Longest possible output (e.g. <c>-0.0000033333333333333333</c>), with margin.</summary>
    internal const int MaxLength = 32;

    /// <summary>Formats <paramref name="value"/> as ECMAScript would.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite; JSON has no such numbers.</exception>
    public static string Format(double value)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        return Encoding.ASCII.GetString(buffer[..Format(value, buffer)]);
    }

    /// <summary>Writes the ASCII form of a finite <paramref name="value"/>; returns the bytes written.</summary>
    internal static int Format(double value, Span<byte> destination)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "NaN and Infinity have no JSON representation");
        if (value == 0)
        {
            destination[0] = (byte)'0'; // covers -0 as well
            return 1;
        }

        // .NET's "R" yields the shortest digit string that round-trips (the same digits
        // ECMAScript picks); only its layout differs, so re-lay the digits out.
        Span<byte> roundTrip = stackalloc byte[MaxLength];
        value.TryFormat(roundTrip, out int length, "R", CultureInfo.InvariantCulture);
        Span<byte> digits = stackalloc byte[MaxLength];
        int k = ParseDigits(roundTrip[..length], digits, out int n);
        return Layout(value < 0, digits[..k], n, destination);
    }

    /// <summary>Extracts significant digits s (returned length k) and n with value = 0.s × 10^n.</summary>
    private static int ParseDigits(ReadOnlySpan<byte> text, Span<byte> digits, out int n)
    {
        int i = text[0] == '-' ? 1 : 0, k = 0, point = -1;
        for (; i < text.Length && text[i] != 'E'; i++)
        {
            if (text[i] == '.') point = k;
            else digits[k++] = text[i];
        }
        n = point < 0 ? k : point;
        if (i < text.Length)
            n += int.Parse(text[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        int start = 0, end = k;
        while (digits[start] == '0') { start++; n--; }
        while (digits[end - 1] == '0') end--;
        digits[start..end].CopyTo(digits);
        return end - start;
    }

    /// <summary>ECMA-262 Number::toString, steps 6–10, for digits s of length k and exponent n.</summary>
    private static int Layout(bool negative, ReadOnlySpan<byte> s, int n, Span<byte> dest)
    {
        int k = s.Length, p = 0;
        if (negative) dest[p++] = (byte)'-';
        if (k <= n && n <= 21)
        {
            s.CopyTo(dest[p..]);
            p += k;
            dest.Slice(p, n - k).Fill((byte)'0');
            return p + n - k;
        }
        if (0 < n && n <= 21)
        {
            s[..n].CopyTo(dest[p..]);
            p += n;
            dest[p++] = (byte)'.';
            s[n..].CopyTo(dest[p..]);
            return p + k - n;
        }
        if (-6 < n && n <= 0)
        {
            dest[p++] = (byte)'0';
            dest[p++] = (byte)'.';
            dest.Slice(p, -n).Fill((byte)'0');
            p += -n;
            s.CopyTo(dest[p..]);
            return p + k;
        }
        dest[p++] = s[0];
        if (k > 1)
        {
            dest[p++] = (byte)'.';
            s[1..].CopyTo(dest[p..]);
            p += k - 1;
        }
        dest[p++] = (byte)'e';
        dest[p++] = n - 1 < 0 ? (byte)'-' : (byte)'+';
        Math.Abs(n - 1).TryFormat(dest[p..], out int written, default, CultureInfo.InvariantCulture);
        return p + written;
    }
}

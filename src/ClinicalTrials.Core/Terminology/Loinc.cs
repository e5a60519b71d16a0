using System.Globalization;
using System.Text.RegularExpressions;

namespace ClinicalTrials.Core.Terminology;

/// <summary>
/// LOINC codes: digits, a hyphen and a mod-10 check digit (<c>8480-6</c>). Only the form and the
/// check digit are verified; whether the code exists needs the LOINC table, which is licensed
/// separately and not shipped.
/// </summary>
public static partial class Loinc
{
    /// <summary>True when <paramref name="code"/> has LOINC's form and a correct check digit.</summary>
    public static bool IsValid(string? code) => Explain(code) is null;

    /// <summary>Null when <paramref name="code"/> is a well-formed LOINC code, otherwise why it is not.</summary>
    public static string? Explain(string? code)
    {
        if (code is null) return "a LOINC code is required";
        var m = Form().Match(code);
        if (!m.Success)
            return $"'{code}' is not a LOINC code (expected digits, a hyphen and a check digit, e.g. 8480-6)";
        var expected = CheckDigit(m.Groups[1].Value);
        var actual = m.Groups[2].Value[0] - '0';
        return expected == actual ? null : $"'{code}' is not a LOINC code: its check digit should be {expected}";
    }

    /// <summary>
    /// LOINC's mod-10 check digit of the part before the hyphen, as LOINC publishes it: double the number
    /// formed by the digits in odd positions counted from the right, append the even-position digits,
    /// sum all digits, and take the distance to the next multiple of ten.
    /// </summary>
    /// <param name="digits">The code without hyphen and check digit, e.g. <c>8480</c>.</param>
    public static int CheckDigit(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
            throw new ArgumentException($"'{digits}' is not a string of digits", nameof(digits));
        string odd = "", even = "";
        for (int i = digits.Length - 1, position = 1; i >= 0; i--, position++)
        {
            // Built right to left, so prepend to keep the digits in their original order.
            if (position % 2 == 1) odd = digits[i] + odd;
            else even = digits[i] + even;
        }
        // Doubling as a decimal string keeps arbitrarily long inputs exact.
        var doubled = DoubleDecimal(odd);
        var sum = (even + doubled).Sum(c => c - '0');
        return (10 - sum % 10) % 10;
    }

    /// <summary>Formats <paramref name="digits"/> with its check digit, e.g. <c>8480</c> → <c>8480-6</c>.</summary>
    public static string WithCheckDigit(string digits) =>
        $"{digits}-{CheckDigit(digits).ToString(CultureInfo.InvariantCulture)}";

    private static string DoubleDecimal(string digits)
    {
        var result = new char[digits.Length + 1];
        var carry = 0;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = (digits[i] - '0') * 2 + carry;
            result[i + 1] = (char)('0' + d % 10);
            carry = d / 10;
        }
        result[0] = (char)('0' + carry);
        return new string(result);
    }

    [GeneratedRegex(@"^([0-9]{1,7})-([0-9])$")]
    private static partial Regex Form();
}

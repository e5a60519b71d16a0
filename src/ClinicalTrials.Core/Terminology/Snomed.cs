using System.Text.RegularExpressions;

namespace ClinicalTrials.Core.Terminology;

/// <summary>
/// SNOMED CT concept identifiers: 6–18 digits whose last digit is a Verhoeff check digit and whose
/// two digits before it are a concept partition identifier (00 or 10). Existence is not checked.
/// </summary>
public static partial class Snomed
{
    // Verhoeff's dihedral-group tables (D5 multiplication, position permutation).
    private static readonly int[,] Multiply =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 }, { 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 },
        { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 }, { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 }, { 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 },
        { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 }, { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 }, { 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 },
        { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 },
    };

    private static readonly int[,] Permute =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 }, { 5, 8, 0, 3, 7, 9, 6, 1, 4, 2 },
        { 8, 9, 1, 6, 0, 4, 3, 5, 2, 7 }, { 9, 4, 5, 3, 1, 2, 6, 8, 7, 0 }, { 4, 2, 8, 6, 5, 7, 3, 9, 0, 1 },
        { 2, 7, 9, 3, 8, 0, 6, 4, 1, 5 }, { 7, 0, 4, 6, 9, 1, 3, 2, 5, 8 },
    };

    /// <summary>Null when <paramref name="code"/> is a well-formed SNOMED CT concept id, otherwise why it is not.</summary>
    public static string? Explain(string? code)
    {
        if (code is null || !Form().IsMatch(code))
            return $"'{code}' is not a SNOMED CT concept id (6 to 18 digits, no leading zero)";
        if (!VerhoeffValid(code))
            return $"'{code}' is not a SNOMED CT concept id: its Verhoeff check digit is wrong";
        var partition = code.Substring(code.Length - 3, 2);
        return partition is "00" or "10"
            ? null
            : $"'{code}' is a SNOMED CT id but not of a concept (partition {partition}; concepts have 00 or 10)";
    }

    private static bool VerhoeffValid(string digits)
    {
        var c = 0;
        for (var i = 0; i < digits.Length; i++)
            c = Multiply[c, Permute[i % 8, digits[digits.Length - 1 - i] - '0']];
        return c == 0;
    }

    [GeneratedRegex("^[1-9][0-9]{5,17}$")]
    private static partial Regex Form();
}

using System.Text.RegularExpressions;

namespace ClinicalTrials.Core.Terminology;

/// <summary>
/// ICD-10 codes as categories or subcategories (<c>I50</c>, <c>I50.9</c>). A category matches every
/// code under it, so <c>I50</c> names all heart-failure diagnoses.
/// </summary>
public static partial class Icd10
{
    /// <summary>Null when <paramref name="code"/> has ICD-10's form, otherwise why it has not.</summary>
    public static string? Explain(string? code) =>
        code is not null && Form().IsMatch(code)
            ? null
            : $"'{code}' is not an ICD-10 code (a letter, two characters, optionally a dot and up to 4 more, e.g. I50 or I50.9)";

    [GeneratedRegex(@"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")]
    private static partial Regex Form();
}

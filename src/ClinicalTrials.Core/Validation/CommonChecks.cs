using ClinicalTrials.Core.Protocol;
using ClinicalTrials.Core.Terminology;

namespace ClinicalTrials.Core.Validation;

/// <summary>Semantic checks shared by the document types.</summary>
internal static class CommonChecks
{
    public static void LoincCode(ErrorList errors, string path, string code)
    {
        if (Terminology.Loinc.Explain(code) is { } why) errors.Add(path, why);
    }

    public static void UcumUnit(ErrorList errors, string path, string unit)
    {
        if (Ucum.Explain(unit) is { } why) errors.Add(path, why);
    }

    /// <summary>Start on or before end; with <paramref name="endsByDay0"/>, also not after randomization.</summary>
    public static void Window(ErrorList errors, string path, DayWindow window, string? endsByDay0 = null)
    {
        if (window.StartDay > window.EndDay)
            errors.Add(path, $"window starts on day {window.StartDay}, after it ends on day {window.EndDay}");
        if (endsByDay0 is not null && window.EndDay > 0)
            errors.Add($"{path}.end_day", $"{endsByDay0} must end on or before day 0 (randomization), found day {window.EndDay}");
    }

    /// <summary>Reports each repeated key at its later occurrence, naming the first.</summary>
    public static void Unique<T>(ErrorList errors, IReadOnlyList<T> items, Func<T, string> key, Func<int, string> pathOf, string what)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var k = key(items[i]);
            if (first.TryGetValue(k, out var j))
                errors.Add(pathOf(i), $"duplicate {what} '{k}' (first at {pathOf(j)})");
            else
                first[k] = i;
        }
    }
}

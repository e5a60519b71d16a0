using System.Globalization;
using ClinicalTrials.Core.Sap;

namespace ClinicalTrials.Statistics.Data;

/// <summary>
/// One column of a site's table. A column whose every non-missing value parses as a number is
/// numeric (as R's <c>read.csv</c> decides); factor keys are R's <c>as.character</c> of the value,
/// so a numeric code 1 and the level "1" match.
/// </summary>
public sealed class Column
{
    private readonly double[] _numbers;

    // Text columns keep their values; a numeric column's key is R's as.character of the number,
    // computed when asked, so a million-row numeric column costs only its doubles.
    private readonly string?[]? _keys;

    private Column(string name, double[] numbers, string?[]? keys)
    {
        Name = name;
        _numbers = numbers;
        _keys = keys;
    }

    /// <summary>Column name.</summary>
    public string Name { get; }

    /// <summary>Number of rows.</summary>
    public int Length => _numbers.Length;

    /// <summary>True when every non-missing value is a number.</summary>
    public bool IsNumeric => _keys is null;

    /// <summary>The value as a number; NaN when missing or not numeric.</summary>
    public double Number(int row) => _numbers[row];

    /// <summary>The value as a factor key (R string form); null when missing.</summary>
    public string? Key(int row) => _keys is null
        ? double.IsNaN(_numbers[row]) ? null : SpecValue.FormatNumber(_numbers[row])
        : _keys[row];

    /// <summary>True when the value is missing (an empty field).</summary>
    public bool IsMissing(int row) => _keys is null ? double.IsNaN(_numbers[row]) : _keys[row] is null;

    /// <summary>The numbers as a span (NaN = missing or not numeric).</summary>
    public ReadOnlySpan<double> Numbers => _numbers;

    /// <summary>Builds a column from raw text fields; null or empty is missing.</summary>
    public static Column FromText(string name, IReadOnlyList<string?> raw)
    {
        var n = raw.Count;
        var numbers = new double[n];
        var numeric = true;
        for (var i = 0; i < n; i++)
        {
            var s = raw[i];
            if (string.IsNullOrEmpty(s) || s == "NA") { numbers[i] = double.NaN; continue; }
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) numbers[i] = d;
            else { numeric = false; break; }
        }
        if (numeric) return new Column(name, numbers, null);
        var keys = raw.Select(s => string.IsNullOrEmpty(s) || s == "NA" ? null : s).ToArray();
        Array.Fill(numbers, double.NaN);
        return new Column(name, numbers, keys);
    }

    /// <summary>Builds a numeric column; NaN is missing.</summary>
    public static Column FromNumbers(string name, double[] values) => new(name, values, null);

    /// <summary>Builds a text column; null is missing.</summary>
    public static Column FromStrings(string name, string?[] values)
    {
        var numbers = new double[values.Length];
        Array.Fill(numbers, double.NaN);
        return new Column(name, numbers, values);
    }
}

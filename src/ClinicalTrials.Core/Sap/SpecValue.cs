using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>
/// A data value named in a spec (an event value, a level). R compares factor values as
/// strings, so JSON numbers are kept in R's <c>as.character</c> form: <c>1</c> and <c>1.0</c> are "1".
/// </summary>
public static class SpecValue
{
    /// <summary>Reads a JSON string, number or boolean as its R string form.</summary>
    public static string Read(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Number => FormatNumber(reader.GetDouble()),
        JsonTokenType.True => "TRUE",
        JsonTokenType.False => "FALSE",
        _ => throw new JsonException("expected a string or a number"),
    };

    /// <summary>Writes a value back as a JSON number when it is one, else as a string.</summary>
    public static void Write(Utf8JsonWriter writer, string value)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && FormatNumber(d) == value)
            writer.WriteNumberValue(d);
        else
            writer.WriteStringValue(value);
    }

    /// <summary>R's <c>as.character</c> of a double for the values that occur as codes: integers without a decimal point.</summary>
    public static string FormatNumber(double value)
    {
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        return value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
    }
}

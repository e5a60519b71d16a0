using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClinicalTrials.Core.Validation;

/// <summary>A JSON error as the command lines print it: where in the file, and the message without serializer internals.</summary>
public static class JsonErrorText
{
    /// <summary><c>line L, position P: </c>, or empty when the serializer did not say.</summary>
    public static string Where(Exception e) =>
        e is JsonException { LineNumber: { } line } je ? $"line {line + 1}, position {(je.BytePositionInLine ?? 0) + 1}: " : "";

    /// <summary>The serializer's message without its CLR type names and duplicated position.</summary>
    public static string Plain(string message)
    {
        var cut = message.IndexOf(" | LineNumber:", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut];
        message = Regex.Replace(message, @"JSON deserialization for type 'ClinicalTrials\.Core\.Sap\.(\w+)Spec' was missing required properties including: (.*)\.$",
            m => $"{m.Groups[1].Value.ToLowerInvariant()} analysis: missing required field(s) {m.Groups[2].Value}");
        message = Regex.Replace(message, @"^The JSON property '(.*)' could not be mapped to any \.NET member contained in type '[\w.]+'\.$",
            m => $"unknown field '{m.Groups[1].Value}'");
        return Regex.Replace(message, @"^The JSON value could not be converted to [\w.]+\. Path: (\S+)\.?$",
            m => $"{m.Groups[1].Value}: value not allowed here");
    }
}

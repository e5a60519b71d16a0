using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClinicalTrials.Sponsor.Simulation;

/// <summary>A JSON error as the sponsor's commands print it: where in the file, and the message without serializer internals.</summary>
internal static class JsonErrors
{
    /// <summary><c>line L, position P: </c>, or empty when the serializer did not say.</summary>
    public static string Where(Exception e) =>
        e is JsonException { LineNumber: { } line } je ? $"line {line + 1}, position {(je.BytePositionInLine ?? 0) + 1}: " : "";

    /// <summary>The serializer's message without its CLR type names and duplicated position.</summary>
    public static string Plain(string message)
    {
        var cut = message.IndexOf(" | LineNumber:", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut];
        return Regex.Replace(message, @"JSON deserialization for type 'ClinicalTrials\.Core\.Sap\.(\w+)Spec' was missing required properties including: (.*)\.$",
            m => $"{m.Groups[1].Value.ToLowerInvariant()} analysis: missing required field(s) {m.Groups[2].Value}");
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ClinicalTrials.Core.Validation;

/// <summary>Builds the JSON paths that errors name (<c>$.arms[0].id</c>, <c>$.arm_effects['usual care']</c>).</summary>
internal static partial class JsonPath
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        Identifier().IsMatch(name) ? $"{parent}.{name}" : $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>
    /// Turns a JSON Pointer (as JsonSchema.Net reports instance locations) into a JSON path, using the
    /// instance to tell an array index from an object key that happens to be digits.
    /// </summary>
    public static string FromPointer(string pointer, JsonNode? instance)
    {
        var path = Root;
        if (string.IsNullOrEmpty(pointer) || pointer == "/") return path;
        var node = instance;
        foreach (var raw in pointer.TrimStart('/').Split('/'))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node is JsonArray array && int.TryParse(segment, out var i))
            {
                path = Index(path, i);
                node = i >= 0 && i < array.Count ? array[i] : null;
            }
            else
            {
                path = Property(path, segment);
                node = node is JsonObject o && o.TryGetPropertyValue(segment, out var child) ? child : null;
            }
        }
        return path;
    }

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}

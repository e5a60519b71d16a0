using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ClinicalTrials.Core.Validation;

/// <summary>
/// Evaluates a document against one embedded schema and turns JsonSchema.Net's list output into
/// <c>$.path: message</c> errors a person can act on, reading the failed keyword's value from the
/// schema (the library's messages omit, for instance, the allowed values of an enum).
/// </summary>
internal sealed class SchemaValidator
{
    private static readonly Lazy<SchemaValidator> ProtocolV1 = new(() => new(DocumentSchemas.ProtocolV1));
    private static readonly Lazy<SchemaValidator> SapV1 = new(() => new(DocumentSchemas.SapV1));
    private static readonly Lazy<SchemaValidator> SyntheticV1 = new(() => new(DocumentSchemas.SyntheticV1));

    private readonly JsonSchema _schema;
    private readonly JsonNode _schemaNode;

    private SchemaValidator(string fileName)
    {
        var text = DocumentSchemas.ReadText(fileName);
        _schema = JsonSchema.FromText(text);
        _schemaNode = JsonNode.Parse(text)!;
    }

    public static SchemaValidator Protocol => ProtocolV1.Value;

    public static SchemaValidator Sap => SapV1.Value;

    public static SchemaValidator Synthetic => SyntheticV1.Value;

    public void Validate(JsonNode? instance, ErrorList errors)
    {
        var results = _schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return;
        foreach (var detail in results.Details)
        {
            if (!detail.HasErrors || IsConditionOnly(detail.EvaluationPath.ToString())) continue;
            var evaluationPath = detail.EvaluationPath.ToString();
            var instancePointer = detail.InstanceLocation.ToString();
            var path = JsonPath.FromPointer(instancePointer, instance);
            var value = Locate(instance, instancePointer);
            foreach (var (keyword, libraryMessage) in detail.Errors!)
                foreach (var (p, m) in Translate(keyword, libraryMessage, evaluationPath, instancePointer, path, value))
                    errors.Add(p, m);
        }
    }

    // An 'if' that fails only selects which 'then' applies; its "errors" are not errors of the document.
    private static bool IsConditionOnly(string evaluationPath) =>
        evaluationPath.Split('/').Any(s => s is "if" or "not");

    private IEnumerable<(string Path, string Message)> Translate(string keyword, string libraryMessage, string evaluationPath, string instancePointer, string path, JsonNode? value)
    {
        var schema = ResolveSchema(evaluationPath);
        var arg = schema is JsonObject o && o.TryGetPropertyValue(keyword, out var a) ? a : null;
        switch (keyword)
        {
            case "required":
                var present = value as JsonObject;
                foreach (var name in (arg as JsonArray ?? []).Select(n => n!.GetValue<string>()))
                    if (present is null || !present.ContainsKey(name))
                        yield return (JsonPath.Property(path, name), "required field is missing");
                yield break;
            case "type":
                yield return (path, $"must be {Article(arg)}, found {Describe(value)}");
                yield break;
            case "enum":
                yield return (path, $"{Show(value)} is not one of: {string.Join(", ", (arg as JsonArray ?? []).Select(ShowPlain))}");
                yield break;
            case "const":
                yield return (path, $"must be {ShowPlain(arg)}, found {Show(value)}");
                yield break;
            case "pattern":
                var hint = schema?["x-hint"]?.GetValue<string>();
                yield return (path, hint is null
                    ? $"{Show(value)} does not match the pattern {ShowPlain(arg)}"
                    : $"{Show(value)} is not {hint}");
                yield break;
            case "minLength":
                yield return (path, Number(arg) == 1 ? "must not be empty" : $"must be at least {ShowPlain(arg)} characters long");
                yield break;
            case "maxLength":
                yield return (path, $"must be at most {ShowPlain(arg)} characters long");
                yield break;
            case "minimum":
                yield return (path, $"must be at least {ShowPlain(arg)}, found {Show(value)}");
                yield break;
            case "maximum":
                yield return (path, $"must be at most {ShowPlain(arg)}, found {Show(value)}");
                yield break;
            case "exclusiveMinimum":
                yield return (path, $"must be greater than {ShowPlain(arg)}, found {Show(value)}");
                yield break;
            case "exclusiveMaximum":
                yield return (path, $"must be less than {ShowPlain(arg)}, found {Show(value)}");
                yield break;
            case "multipleOf":
                yield return (path, $"must be a multiple of {ShowPlain(arg)}, found {Show(value)}");
                yield break;
            case "minItems":
                yield return (path, $"must have at least {ShowPlain(arg)} item{(Number(arg) == 1 ? "" : "s")}, found {(value as JsonArray)?.Count ?? 0}");
                yield break;
            case "maxItems":
                yield return (path, $"must have at most {ShowPlain(arg)} item{(Number(arg) == 1 ? "" : "s")}, found {(value as JsonArray)?.Count ?? 0}");
                yield break;
            case "uniqueItems":
                var repeated = (value as JsonArray ?? []).GroupBy(n => n?.ToJsonString() ?? "null").Where(g => g.Count() > 1).Select(g => g.Key);
                yield return (path, $"items must be unique; repeated: {string.Join(", ", repeated)}");
                yield break;
            case "minProperties":
                yield return (path, "must not be empty");
                yield break;
            case "":
                // A 'false' schema: which one tells what was not allowed.
                var last = evaluationPath[(evaluationPath.LastIndexOf('/') + 1)..];
                if (last is "additionalProperties" or "unevaluatedProperties")
                {
                    var parent = ResolveSchema(evaluationPath[..evaluationPath.LastIndexOf('/')]);
                    var allowed = (parent?["properties"] as JsonObject)?.Where(p => p.Value is not JsonValue v || v.GetValueKind() != JsonValueKind.False)
                        .Select(p => p.Key) ?? [];
                    var name = instancePointer[(instancePointer.LastIndexOf('/') + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                    yield return (path, $"unknown field '{name}' (allowed: {string.Join(", ", allowed)})");
                }
                else
                {
                    yield return (path, "is not allowed here");
                }
                yield break;
            default:
                yield return (path, libraryMessage);
                yield break;
        }
    }

    /// <summary>The schema node an evaluation path leads to, following local <c>$ref</c>s as the evaluator did.</summary>
    private JsonNode? ResolveSchema(string evaluationPath)
    {
        var node = _schemaNode;
        if (string.IsNullOrEmpty(evaluationPath)) return node;
        foreach (var raw in evaluationPath.TrimStart('/').Split('/'))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (segment == "$ref")
            {
                var target = node?["$ref"]?.GetValue<string>();
                if (target is null || !target.StartsWith("#/", StringComparison.Ordinal)) return null;
                node = Locate(_schemaNode, target[1..]);
            }
            else
            {
                node = node switch
                {
                    JsonObject o => o.TryGetPropertyValue(segment, out var c) ? c : null,
                    JsonArray a when int.TryParse(segment, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                    _ => null,
                };
            }
            if (node is null) return null;
        }
        return node;
    }

    private static JsonNode? Locate(JsonNode? root, string pointer)
    {
        var node = root;
        if (string.IsNullOrEmpty(pointer)) return node;
        foreach (var raw in pointer.TrimStart('/').Split('/'))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject o => o.TryGetPropertyValue(segment, out var c) ? c : null,
                JsonArray a when int.TryParse(segment, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (node is null) return null;
        }
        return node;
    }

    private static double Number(JsonNode? n) => n is JsonValue v && v.TryGetValue<double>(out var d) ? d : double.NaN;

    private static string Article(JsonNode? type) => type switch
    {
        JsonArray a => string.Join(" or ", a.Select(t => Article(t))),
        JsonValue v => v.GetValue<string>() switch
        {
            "string" => "a string",
            "integer" => "an integer",
            "number" => "a number",
            "object" => "an object",
            "array" => "an array",
            "boolean" => "true or false",
            "null" => "null",
            var other => other,
        },
        _ => "of another type",
    };

    private static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => $"the string {Show(value)}",
            JsonValueKind.Number => $"the number {Show(value)}",
            _ => Show(value),
        },
        _ => "a value",
    };

    private static string Show(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => $"'{v.GetValue<string>()}'",
        _ => value.ToJsonString(),
    };

    private static string ShowPlain(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };
}

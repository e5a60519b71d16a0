using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClinicalTrials.Core.Validation;

/// <summary>
/// The pipeline shared by every document type: read, parse (syntax errors with line and column),
/// schema-validate, deserialize, then run the type's semantic checks, collecting every error.
/// </summary>
internal static class DocumentReader
{
    private static readonly JsonDocumentOptions Strict = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        // A repeated key would silently keep one of two values in a registered document.
        AllowDuplicateProperties = false,
    };

    public static DocumentLoadResult<T> Load<T>(string path, Func<string, string, DocumentLoadResult<T>> parse) where T : class
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new DocumentLoadResult<T>(path, null, null, [new DocumentError(path, JsonPath.Root, $"cannot read the file: {e.Message}")]);
        }
        return parse(text, path);
    }

    public static DocumentLoadResult<T> Parse<T>(string text, string source, SchemaValidator schema, Action<T, ErrorList> semantic) where T : class
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new ErrorList(source);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: Strict);
        }
        catch (JsonException e)
        {
            errors.Add(JsonPath.Root, SyntaxMessage(text, e));
            return new DocumentLoadResult<T>(source, text, null, errors.ToImmutable());
        }

        schema.Validate(node, errors);
        var schemaErrors = errors.Count;

        // Semantic checks run even when the schema found errors, as long as the document still maps
        // onto the model (a bad pattern or range does not stop that), so one pass reports everything.
        T? document = null;
        try
        {
            document = node.Deserialize<T>(DocumentJson.Options);
        }
        catch (JsonException) when (schemaErrors > 0)
        {
            // The schema errors already say what is wrong with the shape; semantic checks wait for a fix.
        }
        catch (JsonException e)
        {
            // The schema should be at least as strict as the model; if not, still say where.
            errors.Add(e.Path ?? JsonPath.Root, $"does not fit the document model: {StripPosition(e.Message)}");
        }
        if (document is null && errors.Count == 0)
            errors.Add(JsonPath.Root, "the document is empty (null)");
        if (document is not null)
            semantic(document, errors);
        return new DocumentLoadResult<T>(source, text, document, errors.ToImmutable());
    }

    private static string SyntaxMessage(string text, JsonException e)
    {
        var message = StripPosition(e.Message);
        if (e.LineNumber is not { } line) return $"not valid JSON: {message}";
        // The reader counts bytes within the line; people count characters.
        var lines = text.Split('\n');
        var column = e.BytePositionInLine ?? 0;
        if (line < lines.Length)
        {
            var bytes = Encoding.UTF8.GetBytes(lines[line]);
            column = Encoding.UTF8.GetCharCount(bytes, 0, (int)Math.Min(column, bytes.Length));
        }
        return $"not valid JSON at line {line + 1}, column {column + 1}: {message}";
    }

    private static string StripPosition(string message)
    {
        foreach (var marker in new[] { " Path: ", " LineNumber: ", " | LineNumber" })
        {
            var i = message.IndexOf(marker, StringComparison.Ordinal);
            if (i >= 0) message = message[..i];
        }
        return message.TrimEnd();
    }
}

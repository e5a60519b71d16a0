using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace ClinicalTrials.Core.Validation;

/// <summary>
/// The outcome of loading a document: the typed document when it is valid, otherwise every
/// error found (syntax, schema and semantic errors together), never just the first.
/// </summary>
/// <typeparam name="T">The document type.</typeparam>
public sealed record DocumentLoadResult<T> where T : class
{
    internal DocumentLoadResult(string source, string? text, T? document, ImmutableArray<DocumentError> errors)
    {
        Source = source;
        Text = text;
        Errors = errors;
        // A document with errors is never handed out: callers could not tell a half-valid one apart.
        Document = errors.IsEmpty ? document : null;
    }

    /// <summary>The file path or source name the document was read from.</summary>
    public string Source { get; }

    /// <summary>
    /// The document text exactly as read (null when it could not be read). This, canonicalised
    /// (RFC 8785), is what gets hashed and registered, not a re-serialisation of <see cref="Document"/>,
    /// which would add defaults the author never wrote.
    /// </summary>
    public string? Text { get; }

    /// <summary>The typed document; null whenever <see cref="Errors"/> is not empty.</summary>
    public T? Document { get; }

    /// <summary>Every error found, in document order within each validation stage.</summary>
    public ImmutableArray<DocumentError> Errors { get; }

    /// <summary>True when the document loaded without errors.</summary>
    [MemberNotNullWhen(true, nameof(Document))]
    public bool IsValid => Document is not null;

    /// <summary>A fresh JSON tree of <see cref="Text"/>, the input to canonicalisation; null when the text is not JSON.</summary>
    public JsonNode? ToJsonNode()
    {
        if (Text is null) return null;
        try { return JsonNode.Parse(Text); }
        catch (System.Text.Json.JsonException) { return null; }
    }

    /// <summary>The document, or a <see cref="DocumentValidationException"/> carrying every error.</summary>
    public T GetDocumentOrThrow() => Document ?? throw new DocumentValidationException(Source, Errors);
}

using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClinicalTrials.Core.Canonical;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS): one byte sequence per JSON value, so that
/// hashes and signatures do not depend on member order, whitespace or number spelling.
/// </summary>
public static class CanonicalJson
{
    /// <summary>Deepest nesting accepted; deeper documents are rejected rather than risking the stack.</summary>
    public const int MaxDepth = 256;

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = MaxDepth };

    /// <summary>Canonical UTF-8 bytes of a node tree (<see langword="null"/> is JSON <c>null</c>).</summary>
    /// <exception cref="CanonicalJsonException">The value has no canonical form.</exception>
    public static byte[] Canonicalize(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        WriteTo(buffer, node);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Canonical UTF-8 bytes of a parsed element.</summary>
    /// <exception cref="CanonicalJsonException">The value has no canonical form (e.g. a duplicate member).</exception>
    public static byte[] Canonicalize(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        WriteTo(buffer, element);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Canonical UTF-8 bytes of UTF-8 JSON text.</summary>
    /// <exception cref="CanonicalJsonException">The text is not JSON, or has no canonical form.</exception>
    public static byte[] CanonicalizeUtf8(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(utf8Json, ParseOptions); }
        catch (JsonException e) { throw new CanonicalJsonException($"not valid JSON: {e.Message}", "$", e); }
        using (doc) return Canonicalize(doc.RootElement);
    }

    /// <summary>Canonical UTF-8 bytes of JSON text.</summary>
    /// <exception cref="CanonicalJsonException">The text is not JSON, or has no canonical form.</exception>
    public static byte[] CanonicalizeText(string json) => CanonicalizeUtf8(Encoding.UTF8.GetBytes(json));

    /// <summary>The canonical form as a string (handy for embedding and for tests).</summary>
    public static string ToCanonicalString(JsonNode? node) => Encoding.UTF8.GetString(Canonicalize(node));

    /// <summary>Appends the canonical form of <paramref name="node"/> to <paramref name="output"/>.</summary>
    public static void WriteTo(IBufferWriter<byte> output, JsonNode? node) => new CanonicalWriter(output).Write(node);

    /// <summary>Appends the canonical form of <paramref name="element"/> to <paramref name="output"/>.</summary>
    public static void WriteTo(IBufferWriter<byte> output, JsonElement element) => new CanonicalWriter(output).Write(element);
}

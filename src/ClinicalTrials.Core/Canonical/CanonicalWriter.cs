using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace ClinicalTrials.Core.Canonical;

/// <summary>Writes one JSON value in RFC 8785 canonical form; one instance per call (it tracks the path).</summary>
internal sealed class CanonicalWriter(IBufferWriter<byte> output)
{
    /// <summary>The characters RFC 8785 §3.2.2.2 escapes: controls, quotation mark and reverse solidus.</summary>
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\"\\");

    private readonly JsonPathTracker _path = new();

    public void Write(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object: WriteObject(element); break;
            case JsonValueKind.Array: WriteArray(element); break;
            case JsonValueKind.String: WriteString(ReadString(element)); break;
            case JsonValueKind.Number:
                if (!element.TryGetDouble(out double d)) throw Error($"number {element.GetRawText()} is outside the IEEE-754 double range");
                WriteNumber(d);
                break;
            case JsonValueKind.True: WriteAscii("true"u8); break;
            case JsonValueKind.False: WriteAscii("false"u8); break;
            case JsonValueKind.Null: WriteAscii("null"u8); break;
            default: throw Error($"unexpected JSON value kind {element.ValueKind}");
        }
    }

    public void Write(JsonNode? node)
    {
        switch (node)
        {
            case null: WriteAscii("null"u8); break;
            case JsonObject obj: WriteObject(obj); break;
            case JsonArray arr: WriteArray(arr); break;
            case JsonValue value: WriteValue(value); break;
            default: throw Error($"unexpected JSON node type {node.GetType().Name}");
        }
    }

    private void WriteObject(JsonElement element)
    {
        var members = new List<KeyValuePair<string, JsonElement>>();
        foreach (var property in element.EnumerateObject())
            members.Add(new(ReadName(property), property.Value));
        WriteMembers(members, Write);
    }

    private void WriteObject(JsonObject obj) => WriteMembers([.. obj], Write);

    /// <summary>Members sorted by UTF-16 code units (RFC 8785 §3.2.3), which is what ordinal comparison does.</summary>
    private void WriteMembers<T>(List<KeyValuePair<string, T>> members, Action<T> writeValue)
    {
        EnterContainer();
        members.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        WriteAscii("{"u8);
        for (int i = 0; i < members.Count; i++)
        {
            string name = members[i].Key;
            if (i > 0 && string.Equals(name, members[i - 1].Key, StringComparison.Ordinal))
                throw new CanonicalJsonException("duplicate member name (I-JSON forbids it, so the document has no canonical form)", _path.Render(name));
            if (i > 0) WriteAscii(","u8);
            WriteString(name, name);
            WriteAscii(":"u8);
            _path.PushMember(name);
            writeValue(members[i].Value);
            _path.Pop();
        }
        WriteAscii("}"u8);
    }

    private void WriteArray(JsonElement element)
    {
        EnterContainer();
        WriteAscii("["u8);
        int index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (index > 0) WriteAscii(","u8);
            _path.PushIndex(index++);
            Write(item);
            _path.Pop();
        }
        WriteAscii("]"u8);
    }

    private void WriteArray(JsonArray array)
    {
        EnterContainer();
        WriteAscii("["u8);
        for (int i = 0; i < array.Count; i++)
        {
            if (i > 0) WriteAscii(","u8);
            _path.PushIndex(i);
            Write(array[i]);
            _path.Pop();
        }
        WriteAscii("]"u8);
    }

    private void WriteValue(JsonValue value)
    {
        if (value.TryGetValue(out JsonElement element)) Write(element);
        else if (value.TryGetValue(out string? s)) WriteString(s);
        else if (value.TryGetValue(out double d)) WriteNumber(d);
        else if (value.TryGetValue(out bool b)) WriteAscii(b ? "true"u8 : "false"u8);
        else WriteViaSerializer(value);
    }

    /// <summary>
    /// Other CLR values (int, decimal, Guid, DateTime…) are canonicalized from the JSON text
    /// System.Text.Json writes for them, exactly as if that text had been received.
    /// </summary>
    private void WriteViaSerializer(JsonValue value)
    {
        string text;
        try { text = value.ToJsonString(); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or JsonException)
        {
            throw Error($"value has no JSON representation ({e.Message})", e);
        }
        using var doc = JsonDocument.Parse(text);
        Write(doc.RootElement);
    }

    private void WriteNumber(double value)
    {
        if (!double.IsFinite(value)) throw Error($"number {value} (NaN or Infinity) has no JSON representation");
        var span = output.GetSpan(EcmaScriptNumber.MaxLength);
        output.Advance(EcmaScriptNumber.Format(value, span));
    }

    /// <summary>RFC 8785 §3.2.2.2: escape only controls, '"' and '\'; everything else is literal UTF-8.</summary>
    private void WriteString(ReadOnlySpan<char> s, string? member = null)
    {
        WriteAscii("\""u8);
        while (!s.IsEmpty)
        {
            int stop = s.IndexOfAny(Escaped);
            var literal = stop < 0 ? s : s[..stop];
            WriteUtf8(literal, member);
            if (stop < 0) break;
            WriteEscape(s[stop]);
            s = s[(stop + 1)..];
        }
        WriteAscii("\""u8);
    }

    private void WriteUtf8(ReadOnlySpan<char> chars, string? member)
    {
        if (chars.IsEmpty) return;
        var span = output.GetSpan(chars.Length * 3);
        var status = Utf8.FromUtf16(chars, span, out _, out int written, replaceInvalidSequences: false);
        if (status != System.Buffers.OperationStatus.Done)
            throw new CanonicalJsonException(
                member is null ? "string contains a lone surrogate (not valid Unicode)" : "member name contains a lone surrogate (not valid Unicode)",
                _path.Render(member));
        output.Advance(written);
    }

    private void WriteEscape(char c)
    {
        ReadOnlySpan<byte> shortForm = c switch
        {
            '"' => "\\\""u8, '\\' => "\\\\"u8, '\b' => "\\b"u8, '\t' => "\\t"u8,
            '\n' => "\\n"u8, '\f' => "\\f"u8, '\r' => "\\r"u8, _ => default,
        };
        if (!shortForm.IsEmpty)
        {
            WriteAscii(shortForm);
            return;
        }
        var span = output.GetSpan(6);
        "\\u00"u8.CopyTo(span);
        span[4] = (byte)"0123456789abcdef"[c >> 4];
        span[5] = (byte)"0123456789abcdef"[c & 0xF];
        output.Advance(6);
    }

    private void WriteAscii(ReadOnlySpan<byte> bytes) => output.Write(bytes);

    private string ReadString(JsonElement element)
    {
        try { return element.GetString()!; }
        catch (InvalidOperationException e) { throw Error("string is not valid Unicode (lone surrogate escape)", e); }
    }

    private string ReadName(JsonProperty property)
    {
        try { return property.Name; }
        catch (InvalidOperationException e) { throw Error("member name is not valid Unicode (lone surrogate escape)", e); }
    }

    private void EnterContainer()
    {
        if (_path.Depth >= CanonicalJson.MaxDepth)
            throw Error($"nesting deeper than {CanonicalJson.MaxDepth} levels");
    }

    private CanonicalJsonException Error(string message, Exception? inner = null) => new(message, _path.Render(), inner);
}

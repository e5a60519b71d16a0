using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ClinicalTrials.Core.Tests.Hashing;

/// <summary>Random JSON documents, and random but equivalent spellings of them (member order, whitespace, escapes, number forms).</summary>
internal static class RandomJson
{
    private static readonly string[] Characters = ["a", "b", "Z", "0", " ", "\"", "\\", "/", "\n", "\u0001", "\u001f", "é", "€", "\u0080", "\ufb33", "😀", "\u2028"];

    public static JsonNode? Document(Random random, int depth = 0)
    {
        int kind = random.Next(depth >= 3 ? 5 : 7);
        return kind switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(2) == 0),
            2 => JsonValue.Create(random.Next(-1000, 1000)),
            3 => JsonValue.Create(RandomDouble(random)),
            4 => JsonValue.Create(RandomString(random)),
            5 => new JsonArray([.. Enumerable.Range(0, random.Next(5)).Select(_ => Document(random, depth + 1))]),
            _ => RandomObject(random, depth),
        };
    }

    /// <summary>Writes <paramref name="node"/> as JSON text with shuffled members, random whitespace and random escapes.</summary>
    public static string Spell(JsonNode? node, Random random)
    {
        var sb = new StringBuilder();
        Write(node, random, sb);
        return sb.ToString();
    }

    private static JsonObject RandomObject(Random random, int depth)
    {
        var obj = new JsonObject();
        int count = random.Next(6);
        while (obj.Count < count)
        {
            string key = RandomString(random);
            if (!obj.ContainsKey(key)) obj[key] = Document(random, depth + 1);
        }
        return obj;
    }

    private static double RandomDouble(Random random) => random.Next(4) switch
    {
        0 => random.NextDouble(),
        1 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30)),
        2 => BitConverter.Int64BitsToDouble(random.NextInt64()) is var d && double.IsFinite(d) ? d : 0.5,
        _ => random.Next(-5, 5) / 4.0,
    };

    private static string RandomString(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(6)).Select(_ => Characters[random.Next(Characters.Length)]));

    private static void Write(JsonNode? node, Random random, StringBuilder sb)
    {
        Space(random, sb);
        switch (node)
        {
            case null: sb.Append("null"); break;
            case JsonObject obj:
                sb.Append('{');
                var members = obj.OrderBy(_ => random.Next()).ToList();
                for (int i = 0; i < members.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Space(random, sb);
                    WriteString(members[i].Key, random, sb);
                    Space(random, sb);
                    sb.Append(':');
                    Write(members[i].Value, random, sb);
                }
                Space(random, sb);
                sb.Append('}');
                break;
            case JsonArray array:
                sb.Append('[');
                for (int i = 0; i < array.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(array[i], random, sb);
                }
                Space(random, sb);
                sb.Append(']');
                break;
            case JsonValue value when value.TryGetValue(out string? s): WriteString(s, random, sb); break;
            case JsonValue value when value.TryGetValue(out bool b): sb.Append(b ? "true" : "false"); break;
            case JsonValue value when value.TryGetValue(out int i): sb.Append(random.Next(2) == 0 ? i.ToString(CultureInfo.InvariantCulture) : $"{i}.0e0"); break;
            case JsonValue value when value.TryGetValue(out double d):
                sb.Append(d.ToString(random.Next(3) switch { 0 => "R", 1 => "E16", _ => "G17" }, CultureInfo.InvariantCulture));
                break;
            default: throw new InvalidOperationException(node.ToJsonString());
        }
        Space(random, sb);
    }

    private static void WriteString(string s, Random random, StringBuilder sb)
    {
        sb.Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            // A surrogate pair is escaped as a whole or not at all: half-escaped pairs are not JSON.
            bool escape = rune.Value is '"' or '\\' or < 0x20 || random.Next(4) == 0;
            foreach (char c in rune.ToString())
            {
                if (escape) sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                else sb.Append(c);
            }
        }
        sb.Append('"');
    }

    private static void Space(Random random, StringBuilder sb) => sb.Append(random.Next(4) switch { 0 => "", 1 => " ", 2 => "\n\t", _ => "\r\n  " });
}

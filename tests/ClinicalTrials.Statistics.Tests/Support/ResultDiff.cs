using System.Text.Json.Nodes;

namespace ClinicalTrials.Statistics.Tests.Support;

/// <summary>Differences between two results beyond a relative tolerance (keys starting with '_' ignored).</summary>
public static class ResultDiff
{
    public static IReadOnlyList<string> Compare(JsonNode? a, JsonNode? b, double relative, double absolute, string path = "$")
    {
        var bad = new List<string>();
        Walk(a, b, path, relative, absolute, bad);
        return bad;
    }

    private static void Walk(JsonNode? a, JsonNode? b, string path, double rel, double abs, List<string> bad)
    {
        switch (a)
        {
            case JsonObject ao when b is JsonObject bo:
                foreach (var k in ao.Select(p => p.Key).Union(bo.Select(p => p.Key)).Where(k => !k.StartsWith('_')))
                    Walk(ao[k], bo[k], $"{path}.{k}", rel, abs, bad);
                return;
            case JsonArray aa when b is JsonArray ba:
                if (aa.Count != ba.Count) { bad.Add($"{path}: length {aa.Count} vs {ba.Count}"); return; }
                for (var i = 0; i < aa.Count; i++) Walk(aa[i], ba[i], $"{path}[{i}]", rel, abs, bad);
                return;
            case JsonValue av when av.TryGetValue<double>(out var x) && b is JsonValue bv && bv.TryGetValue<double>(out var y):
                if (Math.Abs(x - y) > Math.Max(abs, rel * Math.Max(Math.Abs(x), Math.Abs(y))))
                    bad.Add($"{path}: {x:R} vs {y:R}");
                return;
            default:
                if (!JsonNode.DeepEquals(a, b)) bad.Add($"{path}: {a?.ToJsonString() ?? "null"} vs {b?.ToJsonString() ?? "null"}");
                return;
        }
    }
}

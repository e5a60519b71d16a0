using System.Text.Json.Nodes;

namespace ClinicalTrials.Statistics.Tests.Support;

/// <summary>
/// C# port of the reference kit's <c>check.py</c>: a number matches when |a − e| ≤ 1e-9 or
/// ≤ 1e-6·|e|; p-values below 1e-12 need only stay below 1e-10; arrays of objects are matched by
/// <c>term</c>, <c>site</c> or <c>time</c>; keys starting with '_' and <c>iterations_r</c> are
/// informational; a missing key fails.
/// </summary>
public static class ReferenceComparer
{
    public static IReadOnlyList<string> Compare(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        var bad = new List<string>();
        Cmp(expected, actual, path, bad);
        return bad;
    }

    private static void Cmp(JsonNode? e, JsonNode? a, string path, List<string> bad)
    {
        switch (e)
        {
            case JsonObject eo:
                if (a is not JsonObject ao) { bad.Add($"{path}: expected an object"); return; }
                foreach (var (k, v) in eo)
                {
                    if (k.StartsWith('_') || k == "iterations_r") continue;
                    if (!ao.ContainsKey(k)) { bad.Add($"{path}.{k}: missing"); continue; }
                    Cmp(v, ao[k], $"{path}.{k}", bad);
                }
                return;
            case JsonArray ea:
                if (a is not JsonArray aa) { bad.Add($"{path}: expected an array"); return; }
                var key = new[] { "term", "site", "time" }.FirstOrDefault(k => ea.Count > 0 && ea.All(x => x is JsonObject o && o.ContainsKey(k)));
                if (key is not null)
                {
                    var index = new Dictionary<string, JsonNode?>();
                    foreach (var x in aa)
                        if (x is JsonObject o && o[key] is { } kv) index[Str(kv)] = o;
                    foreach (var x in ea)
                    {
                        var id = Str(x![key]!);
                        if (index.TryGetValue(id, out var match)) Cmp(x, match, $"{path}[{key}={id}]", bad);
                        else bad.Add($"{path}[{key}={id}]: missing");
                    }
                }
                else
                {
                    if (aa.Count != ea.Count) bad.Add($"{path}: length {aa.Count} != {ea.Count}");
                    for (var i = 0; i < ea.Count && i < aa.Count; i++) Cmp(ea[i], aa[i], $"{path}[{i}]", bad);
                }
                return;
            case null:
                if (a is null || (a is JsonValue av && av.TryGetValue<double>(out var d) && double.IsNaN(d))) return;
                if (a is JsonValue sv && sv.TryGetValue<string>(out var s) && s is "NA" or "NaN") return;
                bad.Add($"{path}: expected null (NA), got {a.ToJsonString()}");
                return;
            case JsonValue ev when ev.TryGetValue<double>(out var en):
                if (a is not JsonValue av2 || !av2.TryGetValue<double>(out var an))
                {
                    bad.Add($"{path}: expected {en}, got {a?.ToJsonString() ?? "null"}");
                    return;
                }
                var good = (path.EndsWith("p_value", StringComparison.Ordinal) || path.EndsWith("Q_p", StringComparison.Ordinal)) && Math.Abs(en) < 1e-12
                    ? Math.Abs(an) < 1e-10
                    : Math.Abs(an - en) <= Math.Max(1e-6 * Math.Max(Math.Abs(an), Math.Abs(en)), 1e-9);
                if (!good) bad.Add($"{path}: expected {en:R}, got {an:R}");
                return;
            default:
                if (!JsonNode.DeepEquals(e, a)) bad.Add($"{path}: expected {e.ToJsonString()}, got {a?.ToJsonString() ?? "null"}");
                return;
        }
    }

    private static string Str(JsonNode n) => n is JsonValue v && v.TryGetValue<double>(out var d)
        ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)
        : n.ToString();
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ClinicalTrials.Core.Validation;
using ClinicalTrials.Statistics;

namespace ClinicalTrials.Site.Policy;

/// <summary>
/// Reads and writes a site's <c>policy.json</c>: one flat object, e.g.
/// <c>{"min_cell_count": 5, "min_subset_size": 5, "max_parameter_ratio": 0.33, "event_times": "binned", "time_bin_width": 30, "refuse_differencing": true}</c>.
/// Fields left out keep the defaults; unknown fields are errors (a misspelt rule must not silently fall back).
/// </summary>
public static class SitePolicyFile
{
    /// <summary>File name of the policy in a site directory.</summary>
    public const string FileName = "policy.json";

    private const string RefuseDifferencingField = "refuse_differencing";

    /// <summary>Reads and checks the file; every problem is reported at once as <c>path: $.field: message</c>.</summary>
    public static SitePolicy Load(string path)
    {
        if (!File.Exists(path)) throw new PolicyFileException($"{path}: no such policy file");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses policy JSON; <paramref name="source"/> names it in errors.</summary>
    public static SitePolicy Parse(string json, string source)
    {
        JsonObject obj;
        try
        {
            obj = JsonNode.Parse(json) as JsonObject ?? throw new PolicyFileException($"{source}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new PolicyFileException($"{source}: {JsonErrorText.Where(e)}not valid JSON: {JsonErrorText.Plain(e.Message)}");
        }
        var refuseDifferencing = true;
        if (obj.Remove(RefuseDifferencingField, out var rd))
        {
            if (rd is JsonValue v && v.TryGetValue<bool>(out var b)) refuseDifferencing = b;
            else throw new PolicyFileException($"{source}: $.{RefuseDifferencingField}: must be true or false");
        }
        DisclosureRules rules;
        try
        {
            rules = obj.Deserialize<DisclosureRules>(Options) ?? DisclosureRules.Default;
        }
        catch (JsonException e)
        {
            throw new PolicyFileException($"{source}: {JsonErrorText.Plain(e.Message)}");
        }
        var errors = new List<string>();
        if (rules.MinCellCount < 0) errors.Add("$.min_cell_count: must be ≥ 0");
        if (rules.MinSubsetSize < 0) errors.Add("$.min_subset_size: must be ≥ 0");
        if (!(rules.MaxParameterRatio > 0)) errors.Add("$.max_parameter_ratio: must be > 0");
        if (rules.EventTimes == EventTimeDisclosure.Binned && !(rules.TimeBinWidth > 0)) errors.Add("$.time_bin_width: must be > 0 when event_times is binned");
        if (errors.Count > 0) throw new PolicyFileException(string.Join(Environment.NewLine, errors.Select(e => $"{source}: {e}")));
        return new SitePolicy { Disclosure = rules, RefuseDifferencing = refuseDifferencing };
    }

    /// <summary>The policy as the file's JSON (indented), every field written out so the data manager sees the rules in force.</summary>
    public static string ToJson(SitePolicy policy)
    {
        var obj = JsonSerializer.SerializeToNode(policy.Disclosure, Options)!.AsObject();
        obj[RefuseDifferencingField] = policy.RefuseDifferencing;
        return obj.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Writes <paramref name="policy"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, SitePolicy policy) => File.WriteAllText(path, ToJson(policy) + Environment.NewLine);

    private static readonly JsonSerializerOptions Options = new(StatsJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}

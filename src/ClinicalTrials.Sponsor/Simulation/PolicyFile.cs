using System.Text.Json;
using ClinicalTrials.Statistics;

namespace ClinicalTrials.Sponsor.Simulation;

/// <summary>
/// Reads a disclosure policy file: the <see cref="DisclosureRules"/> every simulated site applies,
/// e.g. <c>{"min_cell_count": 5, "min_subset_size": 5, "max_parameter_ratio": 0.33, "event_times": "binned", "time_bin_width": 30}</c>.
/// Fields left out keep the defaults of <see cref="DisclosureRules.Default"/>.
/// </summary>
public static class PolicyFile
{
    /// <summary>Reads and checks the file.</summary>
    public static DisclosureRules Load(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"{path}: no such policy file");
        DisclosureRules? rules;
        try
        {
            rules = JsonSerializer.Deserialize<DisclosureRules>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path}: {JsonErrors.Where(e)}{JsonErrors.Plain(e.Message)}");
        }
        if (rules is null) throw new UsageException($"{path}: expected a JSON object");
        var errors = new List<string>();
        if (rules.MinCellCount < 0) errors.Add("$.min_cell_count: must be ≥ 0");
        if (rules.MinSubsetSize < 0) errors.Add("$.min_subset_size: must be ≥ 0");
        if (!(rules.MaxParameterRatio > 0)) errors.Add("$.max_parameter_ratio: must be > 0");
        if (rules.EventTimes == EventTimeDisclosure.Binned && !(rules.TimeBinWidth > 0)) errors.Add("$.time_bin_width: must be > 0 when event_times is binned");
        if (errors.Count > 0) throw new UsageException(string.Join(Environment.NewLine, errors.Select(e => $"{path}: {e}")));
        return rules;
    }

    private static readonly JsonSerializerOptions Options = new(StatsJson.Options)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };
}

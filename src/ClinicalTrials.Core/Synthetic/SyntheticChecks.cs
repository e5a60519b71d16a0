using System.Globalization;
using ClinicalTrials.Core.Protocol;
using ClinicalTrials.Core.Validation;

namespace ClinicalTrials.Core.Synthetic;

/// <summary>Semantic checks of synthetic-data settings, alone and against the protocol they simulate.</summary>
internal static class SyntheticChecks
{
    public static void Run(SyntheticSettings s, ErrorList errors)
    {
        CommonChecks.Unique(errors, s.Sites, x => x.Site.ToString(CultureInfo.InvariantCulture), i => $"$.sites[{i}].site", "site");
        CommonChecks.Unique(errors, s.Observations, o => o.Loinc, i => $"$.observations[{i}].loinc", "observation stream for LOINC");
        Distribution(errors, "$.age", s.Age);
        for (var i = 0; i < s.Observations.Length; i++)
        {
            var o = s.Observations[i];
            var path = $"$.observations[{i}]";
            CommonChecks.LoincCode(errors, $"{path}.loinc", o.Loinc);
            CommonChecks.UcumUnit(errors, $"{path}.unit", o.Unit);
            Distribution(errors, $"{path}.baseline", o.Baseline);
            if (o.Min is { } lo && o.Max is { } hi && lo >= hi)
                errors.Add($"{path}.min", $"min {F(lo)} must be below max {F(hi)}");
        }
        foreach (var (name, levels) in s.Strata)
        {
            var sum = levels.Values.Sum();
            if (Math.Abs(sum - 1) > 1e-9)
                errors.Add(JsonPath.Property("$.strata", name), $"level probabilities sum to {F(sum)}, not 1");
        }
    }

    public static void Against(SyntheticSettings s, ProtocolDocument p, ErrorList errors)
    {
        if (s.TrialId != p.TrialId)
            errors.Add("$.trial_id", $"'{s.TrialId}' does not match the protocol's trial_id '{p.TrialId}'");
        if (s.ProtocolVersion != p.Version)
            errors.Add("$.protocol_version", $"'{s.ProtocolVersion}' does not match the protocol's version '{p.Version}'");

        var siteNumbers = p.Sites.Select(x => x.Number).ToHashSet();
        for (var i = 0; i < s.Sites.Length; i++)
            if (!siteNumbers.Contains(s.Sites[i].Site))
                errors.Add($"$.sites[{i}].site", $"site {s.Sites[i].Site} is not a protocol site (numbers: {string.Join(", ", siteNumbers.Order())})");

        var arms = p.Arms.Select(a => a.Id).ToList();
        for (var i = 0; i < s.Observations.Length; i++)
            Arms(errors, $"$.observations[{i}].arm_effects", s.Observations[i].ArmEffects.Keys, arms);

        // Every code the protocol derives something from must be simulated, in the protocol's unit.
        var streams = s.Observations.GroupBy(o => o.Loinc).ToDictionary(g => g.Key, g => g.First());
        foreach (var (loinc, unit, path) in UsedCodes(p))
        {
            if (!streams.TryGetValue(loinc, out var stream))
                errors.Add("$.observations", $"no stream simulates LOINC {loinc}, which the protocol uses at {path}");
            else if (stream.Unit != unit)
                errors.Add($"$.observations[{s.Observations.IndexOf(stream)}].unit", $"'{stream.Unit}' differs from the protocol's unit '{unit}' for LOINC {loinc} at {path}");
        }

        if (p.Endpoints.OfType<TimeToEventEndpoint>().Any() && s.Events is null)
            errors.Add("$.events", "the protocol has a time_to_event endpoint, so an event model is required");
        if (s.Events is { } events)
            Arms(errors, "$.events.hazard_ratios", events.HazardRatios.Keys, arms);

        var strata = p.Randomization.Strata.Where(x => x.Name != "site").ToDictionary(x => x.Name, x => x.Levels);
        foreach (var (name, levels) in strata)
        {
            if (!s.Strata.TryGetValue(name, out var probabilities))
                errors.Add("$.strata", $"no level probabilities for the protocol's stratum '{name}'");
            else if (!probabilities.Keys.ToHashSet().SetEquals(levels))
                errors.Add(JsonPath.Property("$.strata", name), $"levels [{string.Join(", ", probabilities.Keys.Order())}] are not the stratum's levels [{string.Join(", ", levels)}]");
        }
        foreach (var name in s.Strata.Keys.Where(k => !strata.ContainsKey(k)))
            errors.Add(JsonPath.Property("$.strata", name), $"'{name}' is not a randomization stratum of the protocol");
    }

    private static IEnumerable<(string Loinc, string Unit, string Path)> UsedCodes(ProtocolDocument p)
    {
        for (var i = 0; i < p.Eligibility.Observations.Length; i++)
            yield return (p.Eligibility.Observations[i].Loinc, p.Eligibility.Observations[i].Unit, $"$.eligibility.observations[{i}]");
        for (var i = 0; i < p.Endpoints.Length; i++)
        {
            var path = $"$.endpoints[{i}]";
            switch (p.Endpoints[i])
            {
                case ChangeFromBaselineEndpoint c: yield return (c.Loinc, c.Unit, path); break;
                case MeanInWindowEndpoint m: yield return (m.Loinc, m.Unit, path); break;
                case TimeInRangeEndpoint t: yield return (t.Loinc, t.Unit, path); break;
            }
        }
        for (var i = 0; i < p.BaselineCovariates.Length; i++)
        {
            var path = $"$.baseline_covariates[{i}]";
            switch (p.BaselineCovariates[i])
            {
                case ObservationCovariate o: yield return (o.Loinc, o.Unit, path); break;
                case TimeInRangeCovariate t: yield return (t.Loinc, t.Unit, path); break;
            }
        }
    }

    private static void Arms(ErrorList errors, string path, IEnumerable<string> keys, IReadOnlyList<string> arms)
    {
        var given = keys.ToHashSet();
        foreach (var missing in arms.Where(a => !given.Contains(a)))
            errors.Add(path, $"no value for arm '{missing}'");
        foreach (var extra in given.Where(k => !arms.Contains(k)).Order())
            errors.Add(JsonPath.Property(path, extra), $"'{extra}' is not an arm of the protocol (arms: {string.Join(", ", arms)})");
    }

    private static void Distribution(ErrorList errors, string path, NormalDistribution d)
    {
        if (d.Min is { } lo && d.Max is { } hi && lo >= hi)
            errors.Add($"{path}.min", $"min {F(lo)} must be below max {F(hi)}");
        if (d.Min is { } min && d.Mean < min || d.Max is { } max && d.Mean > max)
            errors.Add($"{path}.mean", $"mean {F(d.Mean)} lies outside [min, max]");
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}

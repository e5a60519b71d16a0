using System.Globalization;
using ClinicalTrials.Core.Terminology;
using ClinicalTrials.Core.Validation;

namespace ClinicalTrials.Core.Protocol;

/// <summary>The protocol's semantic checks: what the schema cannot say.</summary>
internal static class ProtocolChecks
{
    private static readonly string[] Reserved = ["arm", "site"];

    public static void Run(ProtocolDocument p, ErrorList errors)
    {
        CommonChecks.Unique(errors, p.Arms, a => a.Id, i => $"$.arms[{i}].id", "arm id");
        CommonChecks.Unique(errors, p.Sites, s => s.Id, i => $"$.sites[{i}].id", "site id");
        CommonChecks.Unique(errors, p.Sites, s => s.Number.ToString(CultureInfo.InvariantCulture), i => $"$.sites[{i}].number", "site number");
        CommonChecks.Unique(errors, p.Visits, v => v.Id, i => $"$.visits[{i}].id", "visit id");
        Eligibility(p.Eligibility, errors);
        Visits(p, errors);
        Endpoints(p, errors);
        Covariates(p, errors);
        Randomization(p, errors);
        VariableNames(p, errors);
        if (p.PlannedSampleSize < p.Arms.Length)
            errors.Add("$.planned_sample_size", $"{p.PlannedSampleSize} participants cannot fill {p.Arms.Length} arms");
    }

    private static void Eligibility(Eligibility e, ErrorList errors)
    {
        if (e.Age.MaxYears is { } max && max < e.Age.MinYears)
            errors.Add("$.eligibility.age", $"min_years {e.Age.MinYears} is greater than max_years {max}");
        for (var i = 0; i < e.Observations.Length; i++)
        {
            var o = e.Observations[i];
            var path = $"$.eligibility.observations[{i}]";
            CommonChecks.LoincCode(errors, $"{path}.loinc", o.Loinc);
            CommonChecks.UcumUnit(errors, $"{path}.unit", o.Unit);
            CommonChecks.Window(errors, $"{path}.window", o.Window, "a screening window");
            if (o.Min is null && o.Max is null)
                errors.Add(path, "an observation criterion needs min, max or both");
            if (o.Min is { } lo && o.Max is { } hi && lo > hi)
                errors.Add($"{path}.min", $"min {F(lo)} is greater than max {F(hi)}");
        }
    }

    private static void Visits(ProtocolDocument p, ErrorList errors)
    {
        for (var i = 0; i < p.Visits.Length; i++)
        {
            var v = p.Visits[i];
            var path = $"$.visits[{i}]";
            CommonChecks.Window(errors, $"{path}.window", v.Window);
            if (v.Window.StartDay <= v.Window.EndDay && !v.Window.Contains(v.Day))
                errors.Add($"{path}.day", $"day {v.Day} is outside the visit's window ({v.Window})");
        }
    }

    private static void Endpoints(ProtocolDocument p, ErrorList errors)
    {
        var primaries = p.Endpoints.Select((e, i) => (e, i)).Where(x => x.e.Role == EndpointRole.Primary).ToList();
        if (primaries.Count == 0)
            errors.Add("$.endpoints", "no endpoint has role 'primary'; exactly one must");
        foreach (var (_, i) in primaries.Skip(1))
            errors.Add($"$.endpoints[{i}].role", $"a second primary endpoint (the first is $.endpoints[{primaries[0].i}]); exactly one is allowed");

        var byId = new Dictionary<string, Endpoint>(StringComparer.Ordinal);
        foreach (var e in p.Endpoints) byId.TryAdd(e.Id, e);

        for (var i = 0; i < p.Endpoints.Length; i++)
        {
            var path = $"$.endpoints[{i}]";
            switch (p.Endpoints[i])
            {
                case ChangeFromBaselineEndpoint c:
                    CommonChecks.LoincCode(errors, $"{path}.loinc", c.Loinc);
                    CommonChecks.UcumUnit(errors, $"{path}.unit", c.Unit);
                    CommonChecks.Window(errors, $"{path}.baseline_window", c.BaselineWindow, "the baseline window");
                    CommonChecks.Window(errors, $"{path}.follow_up_window", c.FollowUpWindow);
                    if (c.FollowUpWindow.StartDay <= c.BaselineWindow.EndDay)
                        errors.Add($"{path}.follow_up_window.start_day",
                            $"the follow-up window starts on day {c.FollowUpWindow.StartDay}, not after the baseline window ends (day {c.BaselineWindow.EndDay})");
                    break;
                case MeanInWindowEndpoint m:
                    CommonChecks.LoincCode(errors, $"{path}.loinc", m.Loinc);
                    CommonChecks.UcumUnit(errors, $"{path}.unit", m.Unit);
                    CommonChecks.Window(errors, $"{path}.window", m.Window);
                    break;
                case TimeInRangeEndpoint t:
                    CommonChecks.LoincCode(errors, $"{path}.loinc", t.Loinc);
                    CommonChecks.UcumUnit(errors, $"{path}.unit", t.Unit);
                    CommonChecks.Window(errors, $"{path}.window", t.Window);
                    Range(errors, $"{path}.range", t.Range);
                    break;
                case TimeToEventEndpoint t:
                    for (var j = 0; j < t.Events.Length; j++)
                    {
                        var ev = t.Events[j];
                        var why = ev.System switch
                        {
                            CodeSystem.Icd10 => Icd10.Explain(ev.Code),
                            CodeSystem.Snomed => Snomed.Explain(ev.Code),
                            _ => Loinc.Explain(ev.Code),
                        };
                        if (why is not null) errors.Add($"{path}.events[{j}].code", why);
                    }
                    CommonChecks.Unique(errors, t.Events, ev => $"{ev.System}:{ev.Code}", j => $"{path}.events[{j}]", "event code");
                    break;
                case ResponderEndpoint r:
                    if (!byId.TryGetValue(r.Source, out var source))
                        errors.Add($"{path}.source", $"'{r.Source}' is not the id of an endpoint (ids: {string.Join(", ", byId.Keys)})");
                    else if (source is TimeToEventEndpoint or ResponderEndpoint)
                        errors.Add($"{path}.source", $"'{r.Source}' is a {source.Kind} endpoint; a responder needs a numeric endpoint (change_from_baseline, mean_in_window or time_in_range)");
                    break;
            }
        }
    }

    private static void Covariates(ProtocolDocument p, ErrorList errors)
    {
        for (var i = 0; i < p.BaselineCovariates.Length; i++)
        {
            var path = $"$.baseline_covariates[{i}]";
            switch (p.BaselineCovariates[i])
            {
                case ObservationCovariate o:
                    CommonChecks.LoincCode(errors, $"{path}.loinc", o.Loinc);
                    CommonChecks.UcumUnit(errors, $"{path}.unit", o.Unit);
                    CommonChecks.Window(errors, $"{path}.window", o.Window, "a baseline covariate's window");
                    break;
                case TimeInRangeCovariate t:
                    CommonChecks.LoincCode(errors, $"{path}.loinc", t.Loinc);
                    CommonChecks.UcumUnit(errors, $"{path}.unit", t.Unit);
                    CommonChecks.Window(errors, $"{path}.window", t.Window, "a baseline covariate's window");
                    Range(errors, $"{path}.range", t.Range);
                    break;
            }
        }
    }

    private static void Randomization(ProtocolDocument p, ErrorList errors)
    {
        var r = p.Randomization;
        CommonChecks.Unique(errors, r.Strata, s => s.Name, i => $"$.randomization.strata[{i}].name", "stratum");
        for (var i = 0; i < r.Strata.Length; i++)
        {
            var s = r.Strata[i];
            if (s.Name != "site" && s.Levels.Length < 2)
                errors.Add($"$.randomization.strata[{i}].levels", $"stratum '{s.Name}' needs at least 2 levels (only 'site' takes its levels from the sites)");
        }

        // Permuted blocks place whole multiples of the allocation ratios in each block.
        var ratios = p.Arms.Select(a => a.AllocationRatio).ToList();
        if (ratios.Any(x => x <= 0)) return; // the schema reports those
        var nonInteger = p.Arms.Select((a, i) => (a, i)).Where(x => x.a.AllocationRatio != Math.Floor(x.a.AllocationRatio)).ToList();
        foreach (var (a, i) in nonInteger)
            errors.Add($"$.arms[{i}].allocation_ratio", $"permuted blocks need whole-number allocation ratios, found {F(a.AllocationRatio)}");
        if (nonInteger.Count > 0) return;
        var total = (int)ratios.Sum();
        for (var i = 0; i < r.BlockSizes.Length; i++)
            if (r.BlockSizes[i] % total != 0)
                errors.Add($"$.randomization.block_sizes[{i}]",
                    $"block size {r.BlockSizes[i]} is not a multiple of {total}, the sum of the allocation ratios ({string.Join(":", ratios.Select(F))})");
    }

    /// <summary>Every derived-dataset column name must be unique and not shadow arm or site.</summary>
    private static void VariableNames(ProtocolDocument p, ErrorList errors)
    {
        var defined = new Dictionary<string, string>(StringComparer.Ordinal);
        void Define(string name, string path, string idPath)
        {
            if (Reserved.Contains(name))
                errors.Add(idPath, $"'{name}' is reserved for the {name} variable of the derived dataset");
            else if (defined.TryGetValue(name, out var first))
                errors.Add(idPath, $"duplicate variable '{name}' in the derived dataset (first defined at {first})");
            else
                defined[name] = path;
        }
        for (var i = 0; i < p.Randomization.Strata.Length; i++)
            if (p.Randomization.Strata[i].Name != "site")
                Define(p.Randomization.Strata[i].Name, $"$.randomization.strata[{i}]", $"$.randomization.strata[{i}].name");
        for (var i = 0; i < p.Endpoints.Length; i++)
            foreach (var v in p.Endpoints[i].DerivedVariables($"$.endpoints[{i}]"))
                Define(v.Name, v.DefinedAt, $"$.endpoints[{i}].id");
        for (var i = 0; i < p.BaselineCovariates.Length; i++)
            Define(p.BaselineCovariates[i].Id, $"$.baseline_covariates[{i}]", $"$.baseline_covariates[{i}].id");
    }

    private static void Range(ErrorList errors, string path, ValueRange range)
    {
        if (range.Low >= range.High)
            errors.Add(path, $"low {F(range.Low)} must be below high {F(range.High)}");
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}

using System.Globalization;
using ClinicalTrials.Core.Protocol;
using ClinicalTrials.Core.Validation;

namespace ClinicalTrials.Core.Sap;

/// <summary>The SAP's semantic checks: its own consistency, and its fit to the protocol's derived dataset.</summary>
internal static class SapChecks
{
    /// <summary>What an analysis field needs of the variable it names.</summary>
    private enum Need { Numeric, Categorical, Outcome, Time }

    /// <summary>A variable an analysis uses: where, which, what for, and the levels it names (with their paths).</summary>
    private sealed record Use(string Path, string Name, Need Need, string? Event = null, string? EventPath = null);

    private sealed record LevelsUse(string Path, string Variable, IReadOnlyList<string> Levels, bool MustBeAll);

    public static void Run(SapDocument sap, ErrorList errors)
    {
        CommonChecks.Unique(errors, sap.Analyses, a => a.Id, i => $"$.analyses[{i}].id", "analysis id");
        if (!sap.Analyses.Any(a => a.Id == sap.Primary))
            errors.Add("$.primary", $"'{sap.Primary}' is not the id of an analysis (ids: {string.Join(", ", sap.Analyses.Select(a => a.Id))})");

        for (var i = 0; i < sap.Analyses.Length; i++)
            Analysis(sap.Analyses[i], $"$.analyses[{i}]", errors);

        if (sap.Interim is { } interim) Interim(interim, errors);

        if (sap.MissingSites.Rule == MissingSitePolicy.Fail && sap.MissingSites.MinSites is not null)
            errors.Add("$.missing_sites.min_sites", "min_sites applies only to the rule proceed_with_exclusion");
    }

    public static void Against(SapDocument sap, ProtocolDocument protocol, ErrorList errors)
    {
        if (sap.TrialId != protocol.TrialId)
            errors.Add("$.trial_id", $"'{sap.TrialId}' does not match the protocol's trial_id '{protocol.TrialId}'");
        if (sap.Protocol.TrialId != protocol.TrialId)
            errors.Add("$.protocol.trial_id", $"'{sap.Protocol.TrialId}' does not match the protocol's trial_id '{protocol.TrialId}'");
        if (sap.Protocol.Version != protocol.Version)
            errors.Add("$.protocol.version", $"'{sap.Protocol.Version}' does not match the protocol's version '{protocol.Version}'");

        var dataset = protocol.DerivedDataset();
        for (var i = 0; i < sap.Analyses.Length; i++)
            Variables(sap.Analyses[i], $"$.analyses[{i}]", dataset, protocol, errors);

        if (sap.PrimaryAnalysis is { } primary && protocol.PrimaryEndpoint is { } endpoint)
        {
            var uses = primary is MetaSpec m ? m.PerSite.Variables() : primary.Variables();
            var columns = endpoint.DerivedVariables("").Select(v => v.Name).ToList();
            if (!uses.Any(columns.Contains))
                errors.Add("$.primary", $"the primary analysis '{primary.Id}' does not analyse the protocol's primary endpoint '{endpoint.Id}' ({string.Join(", ", columns)})");
        }

        if (sap.Interim is { } interim && interim.Alpha != protocol.Alpha)
            errors.Add("$.interim.alpha", $"{F(interim.Alpha)} differs from the protocol's alpha {F(protocol.Alpha)}");

        if (sap.MissingSites.MinSites is { } min && min > protocol.Sites.Length)
            errors.Add("$.missing_sites.min_sites", $"{min} exceeds the protocol's {protocol.Sites.Length} sites");
    }

    private static void Analysis(AnalysisSpec spec, string path, ErrorList errors)
    {
        switch (spec)
        {
            case LmSpec lm: Terms(lm.Terms, path, errors); break;
            case LogisticSpec lg: Terms(lg.Terms, path, errors); break;
            case CoxSpec cox: Terms(cox.Terms, path, errors); break;
            case KmSpec km:
                for (var j = 1; j < km.Times.Count; j++)
                    if (km.Times[j] <= km.Times[j - 1])
                        errors.Add($"{path}.times[{j}]", $"times must increase: {F(km.Times[j])} follows {F(km.Times[j - 1])}");
                break;
            case MetaSpec meta:
                Analysis(meta.PerSite, $"{path}.per_site", errors);
                var coefficients = Coefficients(meta.PerSite);
                if (!coefficients.Contains(meta.Term))
                    errors.Add($"{path}.term", $"'{meta.Term}' is not a coefficient of the per-site {meta.PerSite.Type} model (coefficients: {string.Join(", ", coefficients)})");
                break;
        }
    }

    private static void Terms(IReadOnlyList<TermSpec> terms, string path, ErrorList errors)
    {
        CommonChecks.Unique(errors, terms, t => t.Name, j => $"{path}.terms[{j}].name", "term");
        for (var j = 0; j < terms.Count; j++)
            if (terms[j].Type == TermType.Numeric && terms[j].Levels is not null)
                errors.Add($"{path}.terms[{j}].levels", "levels apply only to factor terms");
    }

    /// <summary>Coefficient names as R prints them (treatment contrasts, first level the reference).</summary>
    private static List<string> Coefficients(AnalysisSpec perSite)
    {
        IEnumerable<string> Of(IReadOnlyList<TermSpec> terms) => terms.SelectMany(t =>
            t.Type == TermType.Factor ? (t.Levels ?? []).Skip(1).Select(l => t.Name + l) : [t.Name]);
        return perSite switch
        {
            CoxSpec c => Of(c.Terms).ToList(),
            LogisticSpec l => ["(Intercept)", .. Of(l.Terms)],
            Or2x2Spec => ["logOR"],
            _ => [],
        };
    }

    private static void Interim(InterimPlan plan, ErrorList errors)
    {
        var f = plan.InformationFractions;
        if (f.Length != plan.Looks)
            errors.Add("$.interim.information_fractions", $"{f.Length} information fractions for {plan.Looks} looks; there must be one per look");
        for (var j = 1; j < f.Length; j++)
            if (f[j] <= f[j - 1])
                errors.Add($"$.interim.information_fractions[{j}]", $"information fractions must increase: {F(f[j])} follows {F(f[j - 1])}");
        if (f.Length > 0 && f[^1] != 1)
            errors.Add($"$.interim.information_fractions[{f.Length - 1}]", $"the last look is the final analysis, at information fraction 1, found {F(f[^1])}");
        if (plan.SpendingFunction.Type != SpendingFunctionType.HwangShihDeCani && plan.SpendingFunction.Gamma is not null)
            errors.Add("$.interim.spending_function.gamma", "gamma applies only to the hsd spending function");
    }

    private static void Variables(AnalysisSpec spec, string path, DerivedDataset dataset, ProtocolDocument protocol, ErrorList errors)
    {
        var uses = new List<Use>();
        var levels = new List<LevelsUse>();
        void Terms(IReadOnlyList<TermSpec> terms)
        {
            for (var j = 0; j < terms.Count; j++)
            {
                var t = terms[j];
                uses.Add(new Use($"{path}.terms[{j}].name", t.Name, t.Type == TermType.Factor ? Need.Categorical : Need.Numeric));
                if (t.Type == TermType.Factor && t.Levels is not null)
                    levels.Add(new LevelsUse($"{path}.terms[{j}].levels", t.Name, t.Levels, MustBeAll: true));
            }
        }
        void Outcome(string field, OutcomeSpec o) => uses.Add(new Use($"{path}.{field}", o.Name, Need.Outcome, o.Event, $"{path}.{field}.event"));

        switch (spec)
        {
            case DescribeSpec d:
                uses.Add(new Use($"{path}.variable", d.Variable, Need.Numeric));
                if (d.By is not null) uses.Add(new Use($"{path}.by", d.By, Need.Categorical));
                if (d.By is not null && d.Levels is not null) levels.Add(new LevelsUse($"{path}.levels", d.By, d.Levels, false));
                break;
            case TTestSpec t:
                uses.Add(new Use($"{path}.variable", t.Variable, Need.Numeric));
                uses.Add(new Use($"{path}.group", t.Group, Need.Categorical));
                levels.Add(new LevelsUse($"{path}.levels", t.Group, t.Levels, false));
                break;
            case ChisqSpec c:
                uses.Add(new Use($"{path}.row", c.Row, Need.Categorical));
                uses.Add(new Use($"{path}.col", c.Col, Need.Categorical));
                if (c.RowLevels is not null) levels.Add(new LevelsUse($"{path}.row_levels", c.Row, c.RowLevels, false));
                if (c.ColLevels is not null) levels.Add(new LevelsUse($"{path}.col_levels", c.Col, c.ColLevels, false));
                break;
            case CmhSpec c:
                uses.Add(new Use($"{path}.exposure", c.Exposure, Need.Categorical));
                uses.Add(new Use($"{path}.outcome", c.Outcome, Need.Outcome, c.OutcomeEvent, $"{path}.outcome_event"));
                levels.Add(new LevelsUse($"{path}.exposure_levels", c.Exposure, c.ExposureLevels, false));
                break;
            case Or2x2Spec o:
                uses.Add(new Use($"{path}.exposure", o.Exposure, Need.Categorical));
                uses.Add(new Use($"{path}.outcome", o.Outcome, Need.Outcome, o.OutcomeEvent, $"{path}.outcome_event"));
                levels.Add(new LevelsUse($"{path}.exposure_levels", o.Exposure, o.ExposureLevels, false));
                break;
            case LmSpec lm:
                uses.Add(new Use($"{path}.outcome", lm.Outcome, Need.Numeric));
                Terms(lm.Terms);
                break;
            case LogisticSpec lg:
                Outcome("outcome", lg.Outcome);
                Terms(lg.Terms);
                break;
            case CoxSpec cox:
                uses.Add(new Use($"{path}.time", cox.Time, Need.Time));
                Outcome("event", cox.Event);
                Terms(cox.Terms);
                break;
            case LogrankSpec lr:
                uses.Add(new Use($"{path}.time", lr.Time, Need.Time));
                Outcome("event", lr.Event);
                uses.Add(new Use($"{path}.group", lr.Group, Need.Categorical));
                if (lr.Levels is not null) levels.Add(new LevelsUse($"{path}.levels", lr.Group, lr.Levels, false));
                break;
            case KmSpec km:
                uses.Add(new Use($"{path}.time", km.Time, Need.Time));
                Outcome("event", km.Event);
                if (km.Group is not null) uses.Add(new Use($"{path}.group", km.Group, Need.Categorical));
                FollowUp(km, path, protocol, errors);
                break;
            case MetaSpec meta:
                Variables(meta.PerSite, $"{path}.per_site", dataset, protocol, errors);
                return;
        }

        var known = string.Join(", ", dataset.Names);
        foreach (var use in uses)
        {
            var v = dataset.Find(use.Name);
            if (v is null)
            {
                errors.Add(use.Path, $"'{use.Name}' is not a variable of the protocol's derived dataset (variables: {known})");
                continue;
            }
            if (Mismatch(v, use) is { } why) errors.Add(use.Path, why);
            if (use.Event is not null && v.Kind is VariableKind.Binary or VariableKind.Categorical && !v.Levels.Contains(use.Event))
                errors.Add(use.EventPath!, $"'{use.Event}' is not a level of '{v.Name}' (levels: {string.Join(", ", v.Levels)})");
        }
        foreach (var l in levels)
        {
            var v = dataset.Find(l.Variable);
            if (v is null || v.Kind is not (VariableKind.Categorical or VariableKind.Binary)) continue;
            if (l.MustBeAll && v.Name == "arm")
            {
                if (!l.Levels.ToHashSet().SetEquals(v.Levels))
                    errors.Add(l.Path, $"factor levels of 'arm' must be the arm ids [{string.Join(", ", v.Levels)}] (in any order, the reference first), found [{string.Join(", ", l.Levels)}]");
                continue;
            }
            for (var j = 0; j < l.Levels.Count; j++)
                if (!v.Levels.Contains(l.Levels[j]))
                    errors.Add($"{l.Path}[{j}]", $"'{l.Levels[j]}' is not a level of '{v.Name}' (levels: {string.Join(", ", v.Levels)})");
        }
    }

    private static string? Mismatch(DerivedVariable v, Use use) => (use.Need, v.Kind) switch
    {
        (Need.Numeric, VariableKind.Categorical) =>
            $"'{v.Name}' is categorical (levels: {string.Join(", ", v.Levels)}); a numeric variable is needed here",
        (Need.Categorical, VariableKind.Numeric or VariableKind.Time) =>
            $"'{v.Name}' is {Describe(v.Kind)}; a categorical variable (arm, site, a stratum, a 0/1 endpoint) is needed here",
        (Need.Time, not VariableKind.Time) =>
            $"'{v.Name}' is {Describe(v.Kind)}; a follow-up time (the _time column of a time_to_event endpoint) is needed here",
        (Need.Outcome, VariableKind.Numeric or VariableKind.Time) =>
            $"'{v.Name}' is {Describe(v.Kind)}; a 0/1 outcome or event indicator is needed here",
        (Need.Outcome, VariableKind.Categorical) when use.Event is null =>
            $"'{v.Name}' is categorical; name the level that counts as the event ({{\"name\": \"{v.Name}\", \"event\": ...}})",
        _ => null,
    };

    private static string Describe(VariableKind kind) => kind switch
    {
        VariableKind.Numeric => "numeric",
        VariableKind.Binary => "a 0/1 variable",
        VariableKind.Categorical => "categorical",
        _ => "a follow-up time",
    };

    /// <summary>Survival cannot be reported past the end of follow-up.</summary>
    private static void FollowUp(KmSpec km, string path, ProtocolDocument protocol, ErrorList errors)
    {
        var endpoint = protocol.Endpoints.OfType<TimeToEventEndpoint>().FirstOrDefault(e => e.TimeVariable == km.Time);
        if (endpoint is null) return;
        var max = endpoint.Censoring.MaxFollowUpDays;
        for (var j = 0; j < km.Times.Count; j++)
            if (km.Times[j] > max)
                errors.Add($"{path}.times[{j}]", $"day {F(km.Times[j])} is past the end of follow-up of '{endpoint.Id}' ({max} days)");
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}

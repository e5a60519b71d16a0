using System.Globalization;
using System.Text;
using ClinicalTrials.Core.Protocol;
using ClinicalTrials.Site.Derivation;
using ClinicalTrials.Site.Store;
using ClinicalTrials.Site.Trials;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Enrollment;

/// <summary>
/// The protocol's structured eligibility criteria, checked at enrollment: age, sex, observation
/// criteria over the site's readings (study days relative to the enrollment date, day 0, inclusive
/// windows; readings in other units converted when the conversion is known), and the investigator's
/// confirmation of the free-text criteria. Every failure is reported, each with its reason.
/// </summary>
internal sealed class EligibilityChecker(UnitConversion? convert)
{
    /// <summary>The participant's age and sex as established, and every failed criterion.</summary>
    public sealed record Outcome(int? Age, string? Sex, IReadOnlyList<string> Failures);

    public Outcome Check(DuckDBConnection c, Eligibility eligibility, string participantId, EnrollmentRequest request, DateTime at)
    {
        var failures = new List<string>();
        var (birthDate, recordedSex) = Recorded(c, participantId);

        int? age = request.Age;
        if (age is null && birthDate is { } born) age = WholeYears(born, DateOnly.FromDateTime(at));
        if (age is null)
            failures.Add("age unknown: give the age at enrollment or record the participant's birth date");
        else if (age is < 0 or > 150)
            failures.Add($"age {age} is not a plausible age in years");
        else if (age < eligibility.Age.MinYears)
            failures.Add($"age {age} is below the minimum {eligibility.Age.MinYears} years");
        else if (eligibility.Age.MaxYears is { } max && age > max)
            failures.Add($"age {age} is above the maximum {max} years");

        var givenSex = request.Sex ?? recordedSex;
        var sex = Normalise(givenSex);
        if (givenSex is null)
            failures.Add("sex unknown: give it at enrollment (F or M) or record it for the participant");
        else if (sex is null)
            failures.Add($"sex '{givenSex}' is not F or M");
        else if (eligibility.Sex == SexEligibility.Female && sex != "F" || eligibility.Sex == SexEligibility.Male && sex != "M")
            failures.Add($"sex {sex} is not eligible: the trial enrolls {(eligibility.Sex == SexEligibility.Female ? "female" : "male")} participants only");

        foreach (var criterion in eligibility.Observations)
            if (Observation(c, criterion, participantId, at) is { } failure) failures.Add(failure);

        var freeText = eligibility.Inclusion.Length + eligibility.Exclusion.Length;
        if (freeText > 0 && !request.InvestigatorConfirmed)
            failures.Add($"the investigator has not confirmed the free-text criteria ({eligibility.Inclusion.Length} inclusion, {eligibility.Exclusion.Length} exclusion)");

        return new Outcome(age, sex, failures);
    }

    /// <summary>Completed years from <paramref name="born"/> to <paramref name="on"/>.</summary>
    internal static int WholeYears(DateOnly born, DateOnly on)
    {
        var years = on.Year - born.Year;
        return on < born.AddYears(years) ? years - 1 : years;
    }

    private static string? Normalise(string? sex) => sex?.Trim().ToUpperInvariant() switch
    {
        "F" or "FEMALE" => "F",
        "M" or "MALE" => "M",
        _ => null,
    };

    private static (DateOnly? BirthDate, string? Sex) Recorded(DuckDBConnection c, string participantId)
    {
        using var cmd = StoreSql.Command(c, "SELECT birth_date, sex FROM participants WHERE participant_id = $p", ("p", participantId));
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return (null, null);
        return (r.IsDBNull(0) ? null : DateOnly.FromDateTime(r.GetDateTime(0)), r.IsDBNull(1) ? null : r.GetString(1));
    }

    private string? Observation(DuckDBConnection c, ObservationCriterion criterion, string participantId, DateTime at)
    {
        var window = criterion.Window;
        var label = $"{Name(criterion.Statistic)} {criterion.Loinc} over days {window.StartDay}..{window.EndDay}";
        (string, object?)[] scope = [("p", participantId), ("loinc", criterion.Loinc), ("day0", DateOnly.FromDateTime(at)), ("start", window.StartDay), ("end", window.EndDay)];
        const string InWindow = """
            participant_id = $p AND loinc = $loinc
            AND date_diff('day', $day0, CAST(effective_time AS DATE)) BETWEEN $start AND $end
            """;

        // Readings are stored in their code's canonical unit where one is known; others are
        // converted when a conversion exists, and counted as unusable when none does.
        var conversions = new List<(string Unit, double Scale, double Shift)>();
        var unusable = new List<string>();
        using (var cmd = StoreSql.Command(c, $"SELECT unit, count(*) FROM observations WHERE {InWindow} GROUP BY unit ORDER BY unit", scope))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
            {
                var unit = r.GetString(0);
                var factor = unit == criterion.Unit ? (1.0, 0.0) : convert?.Invoke(criterion.Loinc, unit, criterion.Unit);
                if (factor is { } f) conversions.Add((unit, f.Item1, f.Item2));
                else unusable.Add($"{Convert.ToInt64(r.GetValue(1))} in {unit}");
            }
        var note = unusable.Count == 0 ? "" : $"; not convertible to {criterion.Unit}: {string.Join(", ", unusable)}";

        long n = 0;
        double value = double.NaN;
        if (conversions.Count > 0)
        {
            var values = new StringBuilder();
            var parameters = scope.ToList();
            for (var i = 0; i < conversions.Count; i++)
            {
                values.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"($u{i}, $s{i}, $o{i})");
                parameters.AddRange([($"u{i}", conversions[i].Unit), ($"s{i}", conversions[i].Scale), ($"o{i}", conversions[i].Shift)]);
            }
            var aggregate = criterion.Statistic switch
            {
                WindowStatistic.Mean => "avg(v)",
                WindowStatistic.Median => "median(v)",
                WindowStatistic.Min => "min(v)",
                WindowStatistic.Max => "max(v)",
                _ => "arg_max(v, t)",
            };
            using var cmd = StoreSql.Command(c, $"""
                SELECT count(*), {aggregate} FROM (
                    SELECT o.value * k.scale + k.shift AS v, o.effective_time AS t
                    FROM observations o JOIN (VALUES {values}) k(unit, scale, shift) ON o.unit = k.unit
                    WHERE {InWindow})
                """, [.. parameters]);
            using var r = cmd.ExecuteReader();
            r.Read();
            n = Convert.ToInt64(r.GetValue(0));
            if (n > 0) value = r.GetDouble(1);
        }

        if (n == 0) return $"{label}: no readings (at least {criterion.MinReadings} required){note}";
        if (n < criterion.MinReadings) return $"{label}: {n} readings, fewer than the {criterion.MinReadings} required{note}";
        if (criterion.Min is { } min && value < min)
            return $"{label} is {Number(value)} {criterion.Unit}, below the minimum {Number(min)} ({n} readings){note}";
        if (criterion.Max is { } max && value > max)
            return $"{label} is {Number(value)} {criterion.Unit}, above the maximum {Number(max)} ({n} readings){note}";
        return null;
    }

    private static string Name(WindowStatistic statistic) => statistic.ToString().ToLowerInvariant();

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

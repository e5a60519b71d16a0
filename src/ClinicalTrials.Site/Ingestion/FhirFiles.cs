using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ClinicalTrials.Site.Units;
using DuckDB.NET.Data;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace ClinicalTrials.Site.Ingestion;

/// <summary>
/// FHIR R4 files (bulk-data NDJSON, or a Bundle / single resource): Observation (one reading, or one
/// per component of a panel such as blood pressure 85354-9), Patient (sex, birth date, death) and
/// Condition (coded clinical events). Resources are parsed in parallel with the FHIR SDK; what it
/// yields is staged and checked set-wise like any table of readings.
/// </summary>
internal static class FhirFiles
{
    private const string LoincSystem = "http://loinc.org";
    private const string UcumSystem = "http://unitsofmeasure.org";
    private const int BatchSize = 8192;
    private const int RecordLimit = 4000;

    private static readonly Dictionary<string, string> EventSystems = new(StringComparer.Ordinal)
    {
        ["http://hl7.org/fhir/sid/icd-10"] = "icd10",
        ["http://hl7.org/fhir/sid/icd-10-cm"] = "icd10",
        ["http://snomed.info/sct"] = "snomed",
        [LoincSystem] = "loinc",
    };

    private sealed record Reading(long Line, string Path, string? Participant, string? Loinc, string? Value, string? Unit, string? Time, string? Device, string Record);
    private sealed record Event(long Line, string Path, string? Participant, string? System, string? Code, string? Time, string Record);
    private sealed record PatientFacts(long Line, string Id, string? Sex, DateOnly? BirthDate, string? Deceased, string Record);
    private sealed record Problem(long Line, string? Field, string Reason, string Record);

    private sealed class Parsed
    {
        public ConcurrentBag<Reading> Readings { get; } = [];
        public ConcurrentBag<Event> Events { get; } = [];
        public ConcurrentBag<PatientFacts> Patients { get; } = [];
        public ConcurrentBag<Problem> Problems { get; } = [];
    }

    public static (long, long, long, long) Load(DuckDBConnection c, UnitNormalizer units, string path, bool ndjson, DateTime now, CancellationToken cancellationToken)
    {
        Sql.Execute(c, """
            CREATE OR REPLACE TEMP TABLE staged (rid BIGINT, line BIGINT, path VARCHAR, record VARCHAR, participant_id VARCHAR, loinc VARCHAR,
                                                 value VARCHAR, unit VARCHAR, effective_time VARCHAR, device VARCHAR);
            CREATE OR REPLACE TEMP TABLE staged_events (rid BIGINT, line BIGINT, path VARCHAR, record VARCHAR, participant_id VARCHAR,
                                                        system VARCHAR, code VARCHAR, effective_time VARCHAR);
            """);
        var parsed = new Parsed();
        var rid = 0L;
        foreach (var batch in Batches(path, ndjson))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var part = new Parsed();
            Parallel.ForEach(batch, new ParallelOptions { CancellationToken = cancellationToken }, () => Deserializer(),
                (item, _, deserializer) =>
                {
                    ParseOne(deserializer, item.Line, item.Json, part);
                    return deserializer;
                }, _ => { });
            using (var appender = c.CreateAppender("temp", "main", "staged"))
                foreach (var r in part.Readings.OrderBy(r => r.Line).ThenBy(r => r.Path, StringComparer.Ordinal))
                    appender.CreateRow().AppendValue(rid++).AppendValue(r.Line).AppendValue(r.Path).AppendValue(r.Record).AppendValue(r.Participant)
                        .AppendValue(r.Loinc).AppendValue(r.Value).AppendValue(r.Unit).AppendValue(r.Time).AppendValue(r.Device).EndRow();
            using (var appender = c.CreateAppender("temp", "main", "staged_events"))
                foreach (var e in part.Events.OrderBy(e => e.Line))
                    appender.CreateRow().AppendValue(rid++).AppendValue(e.Line).AppendValue(e.Path).AppendValue(e.Record).AppendValue(e.Participant)
                        .AppendValue(e.System).AppendValue(e.Code).AppendValue(e.Time).EndRow();
            foreach (var p in part.Patients) parsed.Patients.Add(p);
            foreach (var p in part.Problems) parsed.Problems.Add(p);
        }

        var problems = 0L;
        foreach (var p in parsed.Problems.OrderBy(p => p.Line))
            problems += Sql.Execute(c, "INSERT INTO quarantine VALUES ($file, $line, $field, $reason, $record, $now)",
                ("file", path), ("line", p.Line), ("field", p.Field), ("reason", p.Reason), ("record", p.Record), ("now", now));
        var (patientsLoaded, patientsRefused, patientsDuplicate, patientsCreated) = LoadPatients(c, parsed.Patients, path, now);
        var readings = ReadingChecks.Load(c, units, path, "VARCHAR", now);
        var events = EventChecks.Load(c, path, "VARCHAR", now);
        Sql.Execute(c, "DROP TABLE staged; DROP TABLE staged_events;");
        return (readings.Loaded + events.Loaded + patientsLoaded,
                readings.Quarantined + events.Quarantined + problems + patientsRefused,
                readings.Duplicates + events.Duplicates + patientsDuplicate,
                readings.Participants + events.Participants + patientsCreated);
    }

    private static FhirJsonDeserializer Deserializer() => new(new DeserializerSettings());

    /// <summary>Resources with their position: NDJSON line, or Bundle entry number.</summary>
    private static IEnumerable<List<(long Line, string Json)>> Batches(string path, bool ndjson)
    {
        if (ndjson)
        {
            using var reader = new StreamReader(path, Encoding.UTF8, true, 1 << 20);
            var batch = new List<(long, string)>(BatchSize);
            long line = 0;
            while (reader.ReadLine() is { } text)
            {
                line++;
                if (string.IsNullOrWhiteSpace(text)) continue;
                batch.Add((line, text));
                if (batch.Count == BatchSize)
                {
                    yield return batch;
                    batch = new List<(long, string)>(BatchSize);
                }
            }
            if (batch.Count > 0) yield return batch;
            yield break;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new IngestException($"{path}: not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("resourceType", out var type) && type.ValueEquals("Bundle"))
            {
                var entries = root.TryGetProperty("entry", out var e) && e.ValueKind == JsonValueKind.Array ? e : default;
                var batch = new List<(long, string)>();
                if (entries.ValueKind == JsonValueKind.Array)
                {
                    var index = 0L;
                    foreach (var entry in entries.EnumerateArray())
                    {
                        index++;
                        batch.Add((index, entry.TryGetProperty("resource", out var resource) ? resource.GetRawText() : entry.GetRawText()));
                    }
                }
                yield return batch;
            }
            else
            {
                yield return [(1, root.GetRawText())];
            }
        }
    }

    private static void ParseOne(FhirJsonDeserializer deserializer, long line, string json, Parsed into)
    {
        var record = json.Length <= RecordLimit ? json : json[..RecordLimit] + "…";
        Resource? resource;
        IEnumerable<Hl7.Fhir.Utility.CodedException>? issues;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            if (!deserializer.TryDeserializeResource(ref reader, out resource, out issues) || resource is null)
            {
                var message = issues?.FirstOrDefault()?.Message ?? "unreadable";
                // The SDK says where: "… At Observation.effective, line 1, position 202."
                var at = System.Text.RegularExpressions.Regex.Match(message, @"At ([A-Za-z][\w.\[\]]*)");
                into.Problems.Add(new Problem(line, at.Success ? at.Groups[1].Value : null, "not a valid FHIR R4 resource: " + message, record));
                return;
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or DeserializationFailedException)
        {
            into.Problems.Add(new Problem(line, null, "not valid FHIR JSON: " + e.Message, record));
            return;
        }
        switch (resource)
        {
            case Observation o:
                Observation(o, line, record, into);
                break;
            case Patient p:
                into.Patients.Add(new PatientFacts(line, p.Id ?? "", p.Gender switch
                {
                    AdministrativeGender.Female => "F",
                    AdministrativeGender.Male => "M",
                    _ => null,
                }, BirthDate(p.BirthDate), (p.Deceased as FhirDateTime)?.Value, record));
                break;
            case Condition cond:
            {
                var coding = cond.Code?.Coding.FirstOrDefault(x => x.System is not null && EventSystems.ContainsKey(x.System));
                var time = (cond.Onset as FhirDateTime)?.Value ?? cond.RecordedDate;
                into.Events.Add(new Event(line, "Condition", Subject(cond.Subject), coding?.System is { } system ? EventSystems[system] : null, coding?.Code, time, record));
                if (coding is null)
                    into.Problems.Add(new Problem(line, "Condition.code", "no ICD-10, SNOMED CT or LOINC coding", record));
                break;
            }
            default:
                into.Problems.Add(new Problem(line, "resourceType",
                    $"{resource.TypeName} resources are not ingested (Observation, Patient and Condition are)", record));
                break;
        }
    }

    private static void Observation(Observation o, long line, string record, Parsed into)
    {
        if (o.Status is ObservationStatus.EnteredInError or ObservationStatus.Cancelled)
        {
            into.Problems.Add(new Problem(line, "Observation.status", $"status '{o.Status.ToString()!.ToLowerInvariant()}': not a result", record));
            return;
        }
        var participant = Subject(o.Subject);
        var time = o.Effective switch
        {
            FhirDateTime dt => dt.Value,
            Period p => p.Start,
            Instant i => i.Value?.ToString("o", CultureInfo.InvariantCulture),
            _ => null,
        };
        var device = o.Device?.Reference ?? o.Device?.Display;
        if (o.Component.Count > 0)
        {
            for (var i = 0; i < o.Component.Count; i++)
            {
                var component = o.Component[i];
                var q = component.Value as Quantity;
                into.Readings.Add(new Reading(line, $"Observation.component[{i}]", participant, Loinc(component.Code),
                    q?.Value?.ToString(CultureInfo.InvariantCulture), Unit(q), time, device, record));
            }
            return;
        }
        var quantity = o.Value as Quantity;
        if (o.Value is not null and not Quantity)
        {
            into.Problems.Add(new Problem(line, "Observation.value[x]", $"value is a {o.Value.TypeName}, not a Quantity", record));
            return;
        }
        into.Readings.Add(new Reading(line, "Observation", participant, Loinc(o.Code),
            quantity?.Value?.ToString(CultureInfo.InvariantCulture), Unit(quantity), time, device, record));
    }

    // A full date (yyyy-mm-dd); partial birth dates (yyyy, yyyy-mm) are kept as unknown.
    private static DateOnly? BirthDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string? Subject(ResourceReference? subject)
    {
        var reference = subject?.Reference;
        if (reference is null) return null;
        return reference.StartsWith("Patient/", StringComparison.Ordinal) && reference.Length > 8 ? reference[8..] : null;
    }

    private static string? Loinc(CodeableConcept? code) => code?.Coding.FirstOrDefault(c => c.System == LoincSystem)?.Code;

    // UCUM code when the quantity says it is UCUM; otherwise the unit text, which the UCUM check then judges.
    private static string? Unit(Quantity? q) => q is null ? null : q.System == UcumSystem && q.Code is not null ? q.Code : q.Code ?? q.Unit;

    private static (long, long, long, long) LoadPatients(DuckDBConnection c, IEnumerable<PatientFacts> patients, string file, DateTime now)
    {
        long loaded = 0, refused = 0, same = 0, created = 0;
        foreach (var p in patients.OrderBy(p => p.Line))
        {
            if (string.IsNullOrWhiteSpace(p.Id))
            {
                refused += Sql.Execute(c, "INSERT INTO quarantine VALUES ($file, $line, 'Patient.id', 'a Patient needs an id (Observations refer to it)', $record, $now)",
                    ("file", file), ("line", p.Line), ("record", p.Record), ("now", now));
                continue;
            }
            DateTime? deceased = null;
            if (p.Deceased is not null)
            {
                if (!DateTimeOffset.TryParse(p.Deceased, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || !HasOffset(p.Deceased))
                {
                    refused += Sql.Execute(c, "INSERT INTO quarantine VALUES ($file, $line, 'Patient.deceasedDateTime', $reason, $record, $now)",
                        ("file", file), ("line", p.Line), ("reason", $"no UTC offset in '{p.Deceased}': the moment is ambiguous"), ("record", p.Record), ("now", now));
                    continue;
                }
                deceased = d.UtcDateTime;
            }
            var exists = Sql.Scalar(c, "SELECT count(*) FROM participants WHERE participant_id = $id", ("id", p.Id)) > 0;
            if (!exists)
            {
                Sql.Execute(c, "INSERT INTO participants VALUES ($id, $sex, $birth, $deceased, $now, $file)",
                    ("id", p.Id), ("sex", p.Sex), ("birth", p.BirthDate), ("deceased", deceased), ("now", now), ("file", file));
                created++;
                loaded++;
                continue;
            }
            var changed = Sql.Execute(c, """
                UPDATE participants SET sex = coalesce($sex, sex), birth_date = coalesce($birth, birth_date), deceased_time = coalesce($deceased, deceased_time)
                WHERE participant_id = $id AND (sex IS DISTINCT FROM coalesce($sex, sex) OR birth_date IS DISTINCT FROM coalesce($birth, birth_date)
                                                OR deceased_time IS DISTINCT FROM coalesce($deceased, deceased_time))
                """, ("id", p.Id), ("sex", p.Sex), ("birth", p.BirthDate), ("deceased", deceased));
            if (changed > 0) loaded++;
            else same++;
        }
        return (loaded, refused, same, created);
    }

    private static bool HasOffset(string text) => text.EndsWith('Z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d\d:\d\d$");
}

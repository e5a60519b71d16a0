using System.Globalization;
using System.Text.Json;
using System.Text;
using ClinicalTrials.Site.Store;
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

    internal sealed record Reading(long Line, string Path, string? Participant, string? Loinc, string? Value, string? Unit, string? Time, string? Device);
    internal sealed record Event(long Line, string Path, string? Participant, string? System, string? Code, string? Time);
    internal sealed record PatientFacts(long Line, string Id, string? Sex, DateOnly? BirthDate, string? Deceased, string Record);
    internal sealed record Problem(long Line, string? Field, string Reason, string Record);

    /// <summary>What one resource yielded (most yield one reading; a panel several).</summary>
    internal sealed class Item
    {
        public List<Reading>? Readings { get; set; }
        public Event? Event { get; set; }
        public PatientFacts? Patient { get; set; }
        public List<Problem>? Problems { get; set; }

        public void Add(Reading r) => (Readings ??= []).Add(r);
        public void Add(Problem p) => (Problems ??= []).Add(p);
    }

    public static (long, long, long, long) Load(DuckDBConnection c, UnitNormalizer units, string path, bool ndjson, DateTime now, CancellationToken cancellationToken)
    {
        StoreSql.Execute(c, """
            CREATE OR REPLACE TEMP TABLE staged (rid BIGINT, line BIGINT, path VARCHAR, record VARCHAR, participant_id VARCHAR, loinc VARCHAR,
                                                 value VARCHAR, unit VARCHAR, effective_time VARCHAR, device VARCHAR);
            CREATE OR REPLACE TEMP TABLE staged_events (rid BIGINT, line BIGINT, path VARCHAR, record VARCHAR, participant_id VARCHAR,
                                                        system VARCHAR, code VARCHAR, effective_time VARCHAR);
            """);
        var patients = new List<PatientFacts>();
        var problems = new List<Problem>();
        // One deserializer for the file: it keeps no state between calls, and building one is not cheap.
        var deserializer = Deserializer();
        var rid = 0L;
        foreach (var batch in Batches(path, ndjson))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var items = new Item[batch.Count];
            Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = cancellationToken },
                i => items[i] = ParseOne(deserializer, batch[i].Line, batch[i].Json));
            // Records are not staged: the few that fail are looked up again afterwards.
            using (var appender = c.CreateAppender("temp", "main", "staged"))
                foreach (var item in items)
                    if (item.Readings is { } readings)
                        foreach (var r in readings)
                            appender.CreateRow().AppendValue(rid++).AppendValue(r.Line).AppendValue(r.Path).AppendNullValue().AppendValue(r.Participant)
                                .AppendValue(r.Loinc).AppendValue(r.Value).AppendValue(r.Unit).AppendValue(r.Time).AppendValue(r.Device).EndRow();
            using (var appender = c.CreateAppender("temp", "main", "staged_events"))
                foreach (var item in items)
                    if (item.Event is { } e)
                        appender.CreateRow().AppendValue(rid++).AppendValue(e.Line).AppendValue(e.Path).AppendNullValue().AppendValue(e.Participant)
                            .AppendValue(e.System).AppendValue(e.Code).AppendValue(e.Time).EndRow();
            foreach (var item in items)
            {
                if (item.Patient is { } p) patients.Add(p);
                if (item.Problems is { } list) problems.AddRange(list);
            }
        }

        var refused = 0L;
        foreach (var p in problems)
            refused += StoreSql.Execute(c, "INSERT INTO quarantine VALUES ($file, $line, $field, $reason, $record, $now)",
                ("file", path), ("line", p.Line), ("field", p.Field), ("reason", p.Reason), ("record", p.Record), ("now", now));
        var (patientsLoaded, patientsRefused, patientsDuplicate, patientsCreated) = LoadPatients(c, patients, path, now);
        var readingsResult = ReadingChecks.Load(c, units, path, "VARCHAR", now);
        var eventsResult = EventChecks.Load(c, path, "VARCHAR", now);
        StoreSql.Execute(c, "DROP TABLE staged; DROP TABLE staged_events;");
        FillRecords(c, path, ndjson);
        return (readingsResult.Loaded + eventsResult.Loaded + patientsLoaded,
                readingsResult.Quarantined + eventsResult.Quarantined + refused + patientsRefused,
                readingsResult.Duplicates + eventsResult.Duplicates + patientsDuplicate,
                readingsResult.Participants + eventsResult.Participants + patientsCreated);
    }

    /// <summary>Puts the resource text beside quarantined readings and events, read again from the file by position.</summary>
    private static void FillRecords(DuckDBConnection c, string path, bool ndjson)
    {
        var lines = new SortedSet<long>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT DISTINCT line FROM quarantine WHERE file = $file AND record IS NULL AND line IS NOT NULL";
            cmd.Parameters.Add(new DuckDBParameter("file", path));
            using var r = cmd.ExecuteReader();
            while (r.Read()) lines.Add(r.GetInt64(0));
        }
        if (lines.Count == 0) return;
        foreach (var batch in Batches(path, ndjson))
            foreach (var (line, json) in batch)
                if (lines.Contains(line))
                    StoreSql.Execute(c, "UPDATE quarantine SET record = $record WHERE file = $file AND line = $line AND record IS NULL",
                        ("record", Record(json)), ("file", path), ("line", line));
    }

    private static string Record(byte[] json)
    {
        var text = Encoding.UTF8.GetString(json);
        return text.Length <= RecordLimit ? text : text[..RecordLimit] + "…";
    }

    internal static FhirJsonDeserializer Deserializer() => new(new DeserializerSettings { Validator = null });

    /// <summary>Resources with their position: NDJSON line, or Bundle entry number.</summary>
    private static IEnumerable<List<(long Line, byte[] Json)>> Batches(string path, bool ndjson)
    {
        if (ndjson)
        {
            foreach (var batch in NdjsonLines(path)) yield return batch;
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
                var batch = new List<(long, byte[])>();
                if (entries.ValueKind == JsonValueKind.Array)
                {
                    var index = 0L;
                    foreach (var entry in entries.EnumerateArray())
                    {
                        index++;
                        batch.Add((index, Encoding.UTF8.GetBytes(entry.TryGetProperty("resource", out var resource) ? resource.GetRawText() : entry.GetRawText())));
                    }
                }
                yield return batch;
            }
            else
            {
                yield return [(1, Encoding.UTF8.GetBytes(root.GetRawText()))];
            }
        }
    }

    /// <summary>The non-blank lines of an NDJSON file as UTF-8 bytes, in batches, with their 1-based numbers.</summary>
    private static IEnumerable<List<(long Line, byte[] Json)>> NdjsonLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        var carry = new List<byte>();
        var lines = new List<(long, byte[])>();
        long line = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            line = Split(buffer.AsSpan(0, read), carry, line, lines);
            if (lines.Count >= BatchSize)
            {
                yield return lines;
                lines = [];
            }
        }
        if (carry.Count > 0 && !IsBlank(carry.ToArray())) lines.Add((line + 1, carry.ToArray()));
        if (lines.Count > 0) yield return lines;
    }

    /// <summary>Appends the complete lines of <paramref name="span"/> to <paramref name="lines"/>; keeps the incomplete end in <paramref name="carry"/>.</summary>
    private static long Split(ReadOnlySpan<byte> span, List<byte> carry, long line, List<(long, byte[])> lines)
    {
        while (true)
        {
            var nl = span.IndexOf((byte)'\n');
            if (nl < 0)
            {
                carry.AddRange(span);
                return line;
            }
            line++;
            byte[] bytes;
            if (carry.Count == 0) bytes = span[..nl].ToArray();
            else
            {
                carry.AddRange(span[..nl]);
                bytes = carry.ToArray();
                carry.Clear();
            }
            if (!IsBlank(bytes)) lines.Add((line, bytes));
            span = span[(nl + 1)..];
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes) => bytes.Trim(" \t\r"u8).IsEmpty;

    internal static Item ParseOne(FhirJsonDeserializer deserializer, long line, byte[] json)
    {
        var item = new Item();
        if (FastObservation.TryRead(json, out var participant, out var loinc, out var value, out var unit, out var time, out var device))
        {
            item.Add(new Reading(line, "Observation", participant, loinc, value, unit, time, device));
            return item;
        }
        return ParseWithSdk(deserializer, line, json);
    }

    /// <summary>Any resource, through the FHIR SDK's object model.</summary>
    internal static Item ParseWithSdk(FhirJsonDeserializer deserializer, long line, byte[] json)
    {
        var item = new Item();
        Resource? resource;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!deserializer.TryDeserializeResource(ref reader, out resource, out var issues) || resource is null)
            {
                var message = issues?.FirstOrDefault()?.Message ?? "unreadable";
                // The SDK says where: "… At Observation.effective, line 1, position 202."
                var at = System.Text.RegularExpressions.Regex.Match(message, @"At ([A-Za-z][\w.\[\]]*)");
                item.Add(new Problem(line, at.Success ? at.Groups[1].Value : null, "not a valid FHIR R4 resource: " + message, Record(json)));
                return item;
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or DeserializationFailedException)
        {
            item.Add(new Problem(line, null, "not valid FHIR JSON: " + e.Message, Record(json)));
            return item;
        }
        switch (resource)
        {
            case Observation o:
                Observation(o, line, json, item);
                break;
            case Patient p:
                item.Patient = new PatientFacts(line, p.Id ?? "", p.Gender switch
                {
                    AdministrativeGender.Female => "F",
                    AdministrativeGender.Male => "M",
                    _ => null,
                }, BirthDate(p.BirthDate), (p.Deceased as FhirDateTime)?.Value, Record(json));
                break;
            case Condition cond:
            {
                var coding = cond.Code?.Coding.FirstOrDefault(x => x.System is not null && EventSystems.ContainsKey(x.System));
                if (coding?.System is not { } system)
                {
                    item.Add(new Problem(line, "Condition.code", "no ICD-10, SNOMED CT or LOINC coding", Record(json)));
                    break;
                }
                item.Event = new Event(line, "Condition", Subject(cond.Subject), EventSystems[system], coding.Code, (cond.Onset as FhirDateTime)?.Value ?? cond.RecordedDate);
                break;
            }
            default:
                item.Add(new Problem(line, "resourceType", $"{resource.TypeName} resources are not ingested (Observation, Patient and Condition are)", Record(json)));
                break;
        }
        return item;
    }

    private static void Observation(Observation o, long line, byte[] json, Item item)
    {
        if (o.Status is ObservationStatus.EnteredInError or ObservationStatus.Cancelled)
        {
            item.Add(new Problem(line, "Observation.status", $"status '{o.Status.ToString()!.ToLowerInvariant()}': not a result", Record(json)));
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
                item.Add(new Reading(line, $"Observation.component[{i}]", participant, Loinc(component.Code),
                    q?.Value?.ToString(CultureInfo.InvariantCulture), Unit(q), time, device));
            }
            return;
        }
        if (o.Value is not null and not Quantity)
        {
            item.Add(new Problem(line, "Observation.value[x]", $"value is a {o.Value.TypeName}, not a Quantity", Record(json)));
            return;
        }
        var quantity = o.Value as Quantity;
        item.Add(new Reading(line, "Observation", participant, Loinc(o.Code), quantity?.Value?.ToString(CultureInfo.InvariantCulture), Unit(quantity), time, device));
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
                refused += StoreSql.Execute(c, "INSERT INTO quarantine VALUES ($file, $line, 'Patient.id', 'a Patient needs an id (Observations refer to it)', $record, $now)",
                    ("file", file), ("line", p.Line), ("record", p.Record), ("now", now));
                continue;
            }
            DateTime? deceased = null;
            if (p.Deceased is not null)
            {
                if (!DateTimeOffset.TryParse(p.Deceased, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || !HasOffset(p.Deceased))
                {
                    refused += StoreSql.Execute(c, "INSERT INTO quarantine VALUES ($file, $line, 'Patient.deceasedDateTime', $reason, $record, $now)",
                        ("file", file), ("line", p.Line), ("reason", $"no UTC offset in '{p.Deceased}': the moment is ambiguous"), ("record", p.Record), ("now", now));
                    continue;
                }
                deceased = d.UtcDateTime;
            }
            var exists = StoreSql.Scalar(c, "SELECT count(*) FROM participants WHERE participant_id = $id", ("id", p.Id)) > 0;
            if (!exists)
            {
                StoreSql.Execute(c, "INSERT INTO participants VALUES ($id, $sex, $birth, $deceased, $now, $file)",
                    ("id", p.Id), ("sex", p.Sex), ("birth", p.BirthDate), ("deceased", deceased), ("now", now), ("file", file));
                created++;
                loaded++;
                continue;
            }
            var changed = StoreSql.Execute(c, """
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

using ClinicalTrials.Site.Ingestion;

namespace ClinicalTrials.Site.Tests.Ingestion;

public sealed class CsvIngestionTests : IDisposable
{
    private const string Header = "participant_id,loinc,value,unit,effective_time,device\n";
    private readonly IngestKit _kit = new();

    [Fact]
    public async Task Readings_are_stored_in_the_codes_unit_at_UTC()
    {
        var file = _kit.Write("readings.csv", Header +
            "P1,8480-6,132,mm[Hg],2026-01-05T08:00:00+02:00,cuff-17\n" +
            "P1,2345-7,5.5,mmol/L,2026-01-05T08:05:00Z,\n" +
            "P2,29463-7,180,[lb_av],2026-01-05T09:00:00-05:00,scale-3\n" +
            "P2,8310-5,98.6,[degF],2026-01-05T09:10:00Z,\n");

        var summary = await _kit.IngestAsync(file);

        Assert.Equal((4L, 0L, 0L, 2L, false), (summary.Loaded, summary.Quarantined, summary.Duplicates, summary.ParticipantsCreated, summary.AlreadyIngested));
        var rows = _kit.Rows("SELECT participant_id, loinc, value, unit, effective_time, device, source_line FROM observations ORDER BY source_line");
        Assert.Equal(["P1", "8480-6", 132.0, "mm[Hg]", new DateTime(2026, 1, 5, 6, 0, 0), "cuff-17", 2L], rows[0]);
        Assert.Equal(99.0858, (double)rows[1][2]!, 6);
        Assert.Equal("mg/dL", rows[1][3]);
        Assert.Null(rows[1][5]);
        Assert.Equal(81.6466266, (double)rows[2][2]!, 6);
        Assert.Equal(new DateTime(2026, 1, 5, 14, 0, 0), rows[2][4]);
        Assert.Equal(37.0, (double)rows[3][2]!, 9);
        Assert.Equal("Cel", rows[3][3]);
    }

    [Fact]
    public async Task Every_bad_record_is_quarantined_with_its_line_field_and_reason_and_the_rest_is_loaded()
    {
        var file = _kit.Write("mixed.csv", Header +
            "P1,8480-6,130,mm[Hg],2026-01-05T08:00:00Z,\n" +          // 2 ok
            "P1,8480-6,abc,mm[Hg],2026-01-05T08:01:00Z,\n" +          // 3 value
            "P1,8480-6,131,mm[Hg],2026-02-30T08:00:00Z,\n" +          // 4 bad date
            "\n" +                                                     // 5 blank
            "P1,8480-6,132,mm[Hg],2026-01-05T08:02:00,\n" +            // 6 no offset
            "P1,8480-5,133,mm[Hg],2026-01-05T08:03:00Z,\n" +          // 7 bad LOINC check digit
            "P1,8480-6,134,kg,2026-01-05T08:04:00Z,\n" +              // 8 wrong unit
            "P1,8480-6,135,mm[Hg]\n" +                                 // 9 truncated
            ",8480-6,136,mm[Hg],2026-01-05T08:05:00Z,\n" +            // 10 no participant
            "P1,8480-6,137,mm[Hg],2026-01-05T08:06:00Z,a,b\n" +       // 11 too many columns
            "P1,8480-6,1370,mm[Hg],2026-01-05T08:07:00Z,\n" +         // 12 implausible
            "P1,8480-6,138,mmHg,2026-01-05T08:08:00Z,\n" +            // 13 not UCUM
            "P1,8480-6,,mm[Hg],2026-01-05T08:09:00Z,\n" +             // 14 no value
            "P1,8480-6,139,mm[Hg],2026-01-05T08:10:00Z,\n");          // 15 ok

        var summary = await _kit.IngestAsync(file);

        Assert.Equal((2L, 11L, 0L), (summary.Loaded, summary.Quarantined, summary.Duplicates));
        Assert.Equal([2L, 15L], _kit.Rows("SELECT source_line FROM observations ORDER BY source_line").Select(r => (long)r[0]!));
        var q = _kit.Quarantine().OrderBy(x => x.Line).ToList();
        Assert.Equal([3L, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14], q.Select(x => x.Line!.Value).Distinct());
        Assert.Contains(q, x => x is { Line: 3, Field: "value" } && x.Reason.Contains("not a finite number: 'abc'"));
        Assert.Contains(q, x => x is { Line: 4, Field: "effective_time" } && x.Reason.Contains("not a date-time: '2026-02-30T08:00:00Z'"));
        Assert.Contains(q, x => x is { Line: 6, Field: "effective_time" } && x.Reason.Contains("no UTC offset"));
        Assert.Contains(q, x => x is { Line: 7, Field: "loinc" } && x.Reason.Contains("unknown code") && x.Reason.Contains("check digit"));
        Assert.Contains(q, x => x is { Line: 8, Field: "unit" } && x.Reason.Contains("'kg' does not measure the same thing as mm[Hg]"));
        Assert.Contains(q, x => x is { Line: 9 } && x.Reason.StartsWith("truncated line"));
        Assert.Contains(q, x => x is { Line: 10, Field: "participant_id" });
        Assert.Contains(q, x => x is { Line: 11 } && x.Reason.StartsWith("too many columns"));
        Assert.Contains(q, x => x is { Line: 12, Field: "value" } && x.Reason.Contains("outside the plausible range 40..300 mm[Hg]"));
        Assert.Contains(q, x => x is { Line: 13, Field: "unit" } && x.Reason.Contains("not a UCUM unit"));
        Assert.Contains(q, x => x is { Line: 14, Field: "value" } && x.Reason == "missing value");
        Assert.Equal(summary.Quarantined, _kit.Count("quarantine"));
        Assert.Contains("P1,8480-6,abc,mm[Hg]", _kit.Ingestor.Quarantine().Single(x => x.Line == 3).Record);
    }

    [Fact]
    public async Task A_bare_date_is_as_ambiguous_as_a_local_time_for_readings_and_events()
    {
        var readings = await _kit.IngestAsync(_kit.Write("dates.csv", Header + "P1,8480-6,130,mm[Hg],2026-01-05,\n"));
        var events = await _kit.IngestAsync(_kit.Write("ev.csv", "participant_id,system,code,effective_time\nP1,icd10,I50.9,2026-03-01\n"));

        Assert.Equal((0L, 1L, 0L, 1L), (readings.Loaded, readings.Quarantined, events.Loaded, events.Quarantined));
        Assert.All(_kit.Quarantine(), q => Assert.Contains("no UTC offset in '2026-0", q.Reason));
    }

    [Fact]
    public async Task Line_numbers_stay_right_after_blank_and_rejected_lines_and_with_windows_line_ends()
    {
        var file = _kit.Write("crlf.csv", Header.Replace("\n", "\r\n") +
            "P1,8480-6,130,mm[Hg],2026-01-05T08:00:00Z,\r\n" +   // 2
            "\r\n\r\n" +                                           // 3, 4
            "P1,8480-6,131\r\n" +                                  // 5 truncated
            "P1,8480-6,132,mm[Hg],2026-01-05T08:01:00Z,\r\n" +   // 6
            "P1,8480-6,x,mm[Hg],2026-01-05T08:02:00Z,\r\n");     // 7

        await _kit.IngestAsync(file);

        Assert.Equal([2L, 6L], _kit.Rows("SELECT source_line FROM observations ORDER BY source_line").Select(r => (long)r[0]!));
        Assert.Equal([5L, 7L], _kit.Quarantine().Select(q => q.Line!.Value).Order());
    }

    [Fact]
    public async Task The_same_file_twice_adds_nothing()
    {
        var file = _kit.Write("r.csv", Header + "P1,8480-6,130,mm[Hg],2026-01-05T08:00:00Z,\nP1,8480-6,x,mm[Hg],2026-01-05T08:00:00Z,\n");
        await _kit.IngestAsync(file);

        var again = await _kit.IngestAsync(file);

        Assert.True(again.AlreadyIngested);
        Assert.Equal((0L, 0L, 2L), (again.Loaded, again.Quarantined, again.Duplicates));
        Assert.Equal((1L, 1L), (_kit.Count("observations"), _kit.Count("quarantine")));
    }

    [Fact]
    public async Task Readings_already_stored_or_repeated_in_the_file_are_duplicates()
    {
        await _kit.IngestAsync(_kit.Write("a.csv", Header + "P1,8480-6,130,mm[Hg],2026-01-05T08:00:00Z,cuff\nP1,8480-6,131,mm[Hg],2026-01-05T09:00:00Z,cuff\n"));

        // An overlapping export: one reading again (same instant written with another offset), one new, one repeated.
        var summary = await _kit.IngestAsync(_kit.Write("b.csv", Header +
            "P1,8480-6,130,mm[Hg],2026-01-05T09:00:00+01:00,cuff\n" +
            "P1,8480-6,132,mm[Hg],2026-01-05T10:00:00Z,cuff\n" +
            "P1,8480-6,132,mm[Hg],2026-01-05T10:00:00Z,cuff\n"));

        Assert.Equal((1L, 0L, 2L), (summary.Loaded, summary.Quarantined, summary.Duplicates));
        Assert.Equal(3, _kit.Count("observations"));
    }

    [Fact]
    public async Task A_header_without_a_required_column_refuses_the_file_by_name()
    {
        var file = _kit.Write("nohdr.csv", "participant_id,loinc,value,effective_time\nP1,8480-6,130,2026-01-05T08:00:00Z\n");
        var e = await Assert.ThrowsAsync<IngestException>(() => _kit.IngestAsync(file));
        Assert.Contains("nohdr.csv: line 1: the header lacks unit", e.Message);
        Assert.Equal(0, _kit.Count("observations"));
        Assert.Equal(0, _kit.Count("ingested_files"));
    }

    [Fact]
    public async Task An_empty_file_is_refused_and_a_header_alone_loads_nothing()
    {
        var e = await Assert.ThrowsAsync<IngestException>(() => _kit.IngestAsync(_kit.Write("empty.csv", "")));
        Assert.Contains("empty file", e.Message);
        var summary = await _kit.IngestAsync(_kit.Write("header.csv", Header));
        Assert.Equal(0, summary.Records);
    }

    [Fact]
    public async Task A_missing_file_and_an_unknown_extension_are_named()
    {
        var e = await Assert.ThrowsAsync<IngestException>(() => _kit.IngestAsync(Path.Combine(_kit.Dir, "nope.csv")));
        Assert.Contains("nope.csv: no such file", e.Message);
        e = await Assert.ThrowsAsync<IngestException>(() => _kit.IngestAsync(_kit.Write("x.txt", "a")));
        Assert.Contains("cannot tell the format", e.Message);
    }

    [Fact]
    public async Task Clinical_events_come_from_a_csv_with_system_and_code()
    {
        var file = _kit.Write("events.csv", "participant_id,system,code,effective_time\n" +
            "P1,icd10,I50.9,2026-03-01T10:00:00Z\n" +
            "P2,snomed,419620001,2026-03-02T10:00:00Z\n" +
            "P3,icd10,X,2026-03-02T10:00:00Z\n" +
            "P4,read,XYZ,2026-03-02T10:00:00Z\n" +
            "P1,icd10,I50.9,2026-03-01T10:00:00Z\n");

        var summary = await _kit.IngestAsync(file);

        Assert.Equal((2L, 2L, 1L), (summary.Loaded, summary.Quarantined, summary.Duplicates));
        Assert.Contains(_kit.Quarantine(), q => q is { Line: 5, Field: "code" } && q.Reason.Contains("unknown code system 'read'"));
        Assert.Contains(_kit.Quarantine(), q => q is { Line: 4, Field: "code" });
    }

    public void Dispose() => _kit.Dispose();
}

using System.Text.Json.Serialization;
using Parquet.Serialization;

namespace ClinicalTrials.Site.Tests.Ingestion;

public sealed class ParquetIngestionTests : IDisposable
{
    private readonly IngestKit _kit = new();

    [Fact]
    public async Task A_parquet_file_written_by_another_library_is_read_by_duckdb_and_checked_the_same_way()
    {
        var path = Path.Combine(_kit.Dir, "readings.parquet");
        await ParquetSerializer.SerializeAsync(new Row[]
        {
            new() { Participant = "P1", Loinc = "8480-6", Value = 131, Unit = "mm[Hg]", Time = "2026-01-05T08:00:00Z", Device = "cuff" },
            new() { Participant = "P1", Loinc = "8480-6", Value = 133, Unit = "mm[Hg]", Time = "2026-01-05T08:01:00Z" },
            new() { Participant = "P2", Loinc = "2345-7", Value = 6.1, Unit = "mmol/L", Time = "2026-01-05T08:02:00Z", Device = "meter" },
            new() { Participant = "P2", Loinc = "8480-6", Value = 129, Unit = "mm[Hg]", Time = "yesterday", Device = "cuff" },
        }, path);

        var summary = await _kit.IngestAsync(path);

        Assert.Equal((3L, 1L, 0L), (summary.Loaded, summary.Quarantined, summary.Duplicates));
        Assert.Equal(6.1 * 18.0156, (double)_kit.Rows("SELECT value FROM observations WHERE loinc = '2345-7'")[0][0]!, 9);
        var q = Assert.Single(_kit.Quarantine());
        Assert.Equal((4L, "effective_time"), (q.Line!.Value, q.Field!));
    }

    [Fact]
    public async Task A_damaged_parquet_file_is_refused_by_name()
    {
        var path = _kit.Write("bad.parquet", "PAR1 not really");
        var e = await Assert.ThrowsAsync<ClinicalTrials.Site.Ingestion.IngestException>(() => _kit.IngestAsync(path));
        Assert.Contains("bad.parquet: not a readable Parquet file", e.Message);
    }

    public void Dispose() => _kit.Dispose();

    private sealed class Row
    {
        [JsonPropertyName("participant_id")] public string Participant { get; set; } = "";
        [JsonPropertyName("loinc")] public string Loinc { get; set; } = "";
        [JsonPropertyName("value")] public double Value { get; set; }
        [JsonPropertyName("unit")] public string Unit { get; set; } = "";
        [JsonPropertyName("effective_time")] public string Time { get; set; } = "";
        [JsonPropertyName("device")] public string? Device { get; set; }
    }
}

using ClinicalTrials.Site.Ingestion;
using ClinicalTrials.Site.Store;
using DuckDB.NET.Data;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalTrials.Site.Tests.Ingestion;

/// <summary>A site store in a temporary directory, an ingestor, and ways to write input files and read what got stored.</summary>
public sealed class IngestKit : IDisposable
{
    public IngestKit()
    {
        Store = SiteStore.OpenDirectory(Dir);
        Ingestor = new SiteIngestor(Store, Clock);
    }

    public string Dir { get; } = Directory.CreateTempSubdirectory("ct-ingest-").FullName;
    public SiteStore Store { get; }
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero));
    public SiteIngestor Ingestor { get; }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    public Task<IngestSummary> IngestAsync(string path, IngestFormat? format = null) => Ingestor.IngestAsync(path, format);

    public List<object?[]> Rows(string sql)
    {
        using var c = Store.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (r.Read())
        {
            var row = new object?[r.FieldCount];
            for (var i = 0; i < r.FieldCount; i++) row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public long Count(string table) => Convert.ToInt64(Rows($"SELECT count(*) FROM {table}")[0][0]);

    /// <summary>Quarantine rows as (line, field, reason).</summary>
    public List<(long? Line, string? Field, string Reason)> Quarantine() =>
        [.. Ingestor.Quarantine().Select(q => (q.Line, q.Field, q.Reason))];

    public void Dispose()
    {
        Store.Dispose();
        Directory.Delete(Dir, true);
    }
}

using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace ClinicalTrials.Statistics.Data;

/// <summary>
/// Parses a site's CSV (header row, comma separated, quoted strings, empty field = missing, as R's
/// <c>write.csv</c>) into a <see cref="SiteTable"/>. A record with the wrong number of fields is
/// rejected with its line and the reason; every other record is kept.
/// </summary>
public static class SiteTableCsv
{
    /// <summary>Reads <paramref name="reader"/>; <paramref name="source"/> names the file in messages.</summary>
    public static CsvReadResult Read(int site, TextReader reader, string source)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            DetectColumnCountChanges = false,
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.None,
        };
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
            throw new AnalysisException($"{source}: line 1: no header row");
        var duplicate = header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new AnalysisException($"{source}: line 1: column '{duplicate.Key}' appears twice in the header");

        var fields = header.Select(_ => new List<string?>()).ToArray();
        var rejected = new List<CsvRejection>();
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var record = csv.Parser.Record ?? [];
            if (record.Length == 1 && record[0].Length == 0) continue;
            if (record.Length != header.Length)
            {
                rejected.Add(new CsvRejection(source, line,
                    record.Length < header.Length ? header[record.Length] : $"field {header.Length + 1}",
                    $"{record.Length} fields, the header has {header.Length}"));
                continue;
            }
            for (var i = 0; i < header.Length; i++)
                fields[i].Add(record[i].Length == 0 ? null : record[i]);
        }
        var table = new SiteTable(site, header.Select((h, i) => Column.FromText(h, fields[i])));
        return new CsvReadResult(table, rejected);
    }
}

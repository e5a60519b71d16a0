using System.Text;

namespace ClinicalTrials.Site.Ingestion;

/// <summary>
/// What DuckDB's CSV reader does not report: the header (checked here, so a wrong file is refused
/// by name before anything is read) and the physical numbers of blank lines, which the reader skips
/// silently and which would otherwise shift the line numbers of every later record.
/// </summary>
internal sealed record CsvLayout(IReadOnlyList<string> Columns, IReadOnlyList<long> BlankLines, long PhysicalLines)
{
    public static CsvLayout Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        var header = new List<byte>();
        var blank = new List<long>();
        long line = 1;
        var headerDone = false;
        var lineStart = true;   // the current line has no byte yet (bar a '\r')
        var sawAny = false;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            sawAny = true;
            var span = buffer.AsSpan(0, read);
            var at = 0;
            while (at < span.Length)
            {
                var rest = span[at..];
                var nl = rest.IndexOf((byte)'\n');
                var chunk = nl < 0 ? rest : rest[..nl];
                if (!headerDone) header.AddRange(chunk.ToArray());
                if (chunk.Length > 0 && !(chunk.Length == 1 && chunk[0] == (byte)'\r')) lineStart = false;
                if (nl < 0) break;
                if (headerDone && lineStart) blank.Add(line);
                headerDone = true;
                lineStart = true;
                line++;
                at += nl + 1;
            }
        }
        if (!sawAny) return new CsvLayout([], [], 0);
        var text = Encoding.UTF8.GetString([.. header]).TrimStart('\uFEFF').TrimEnd('\r');
        return new CsvLayout(SplitHeader(text), blank, lineStart ? line - 1 : line);
    }

    private static List<string> SplitHeader(string text)
    {
        var names = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var ch in text)
        {
            if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted)
            {
                names.Add(current.ToString().Trim());
                current.Clear();
            }
            else current.Append(ch);
        }
        names.Add(current.ToString().Trim());
        return names;
    }
}

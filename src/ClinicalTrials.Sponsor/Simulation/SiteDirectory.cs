using System.Text.RegularExpressions;
using ClinicalTrials.Statistics.Data;

namespace ClinicalTrials.Sponsor.Simulation;

/// <summary>
/// A folder of <c>siteN.csv</c> files, one per site, the site number N being the variable <c>site</c>
/// (the reference kit's layout).
/// </summary>
public static partial class SiteDirectory
{
    /// <summary>Reads every <c>siteN.csv</c> of <paramref name="dir"/>, in site order.</summary>
    public static IReadOnlyList<CsvReadResult> Load(string dir)
    {
        if (!Directory.Exists(dir))
            throw new UsageException($"{dir}: no such directory");
        var files = Directory.GetFiles(dir, "*.csv")
            .Select(f => (File: f, Match: SiteFile().Match(Path.GetFileName(f))))
            .Where(x => x.Match.Success)
            .Select(x => (x.File, Site: int.Parse(x.Match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(x => x.Site)
            .ToList();
        if (files.Count == 0)
            throw new UsageException($"{dir}: no site files (expected site1.csv, site2.csv, …)");
        var duplicate = files.GroupBy(f => f.Site).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new UsageException($"{dir}: site {duplicate.Key} has more than one file: {string.Join(", ", duplicate.Select(f => Path.GetFileName(f.File)))}");
        return files.Select(f =>
        {
            using var reader = File.OpenText(f.File);
            return SiteTableCsv.Read(f.Site, reader, f.File);
        }).ToList();
    }

    [GeneratedRegex(@"^site0*([1-9][0-9]{0,8})\.csv$", RegexOptions.CultureInvariant)]
    private static partial Regex SiteFile();
}

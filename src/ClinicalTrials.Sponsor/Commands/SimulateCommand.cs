using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Core.Validation;
using ClinicalTrials.Site.Policy;
using ClinicalTrials.Sponsor.Simulation;
using ClinicalTrials.Statistics;
using ClinicalTrials.Statistics.Engine;

namespace ClinicalTrials.Sponsor.Commands;

/// <summary>
/// <c>simulate --sites DIR --analyses FILE --out FILE [--policy FILE]</c>: every <c>DIR/siteN.csv</c>
/// is one site; every analysis runs federated; results are written in the reference format.
/// Exit 0 when every analysis ran, 1 when some failed or were refused (the rest are still
/// written), 2 for usage errors.
/// </summary>
public static class SimulateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var sites = new Option<string>("--sites") { Description = "Folder of site1.csv … siteK.csv (site = N)", Required = true };
        var analyses = new Option<string>("--analyses") { Description = "analyses.json (the SAP's analysis list)", Required = true };
        var output = new Option<string>("--out") { Description = "Results file to write (expected.json format)", Required = true };
        var policy = new Option<string?>("--policy") { Description = "Disclosure policy every site applies (default: none)" };
        var command = new Command("simulate", "Run a SAP's analyses federated over a folder of site CSVs (methods validation)")
        {
            sites, analyses, output, policy,
        };
        command.SetAction(parse => Run(
            parse.GetValue(sites)!, parse.GetValue(analyses)!, parse.GetValue(output)!, parse.GetValue(policy),
            Console.Out, Console.Error));
        return command;
    }

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string sitesDir, string analysesFile, string outFile, string? policyFile, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var rules = policyFile is null ? DisclosureRules.None : SitePolicyFile.Load(policyFile).Disclosure;
            var specs = ReadAnalyses(analysesFile);
            var sites = SiteDirectory.Load(sitesDir);
            foreach (var r in sites.SelectMany(s => s.Rejected))
                stderr.WriteLine($"rejected: {r}");

            var report = new Simulator(new FederatedEngine(), TimeProvider.System).Run(specs, sites, rules);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outFile))!);
            File.WriteAllText(outFile, report.Results.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            if (report.Rejected.Count > 0)
                File.WriteAllLines(outFile + ".quarantine.jsonl", report.Rejected.Select(r => JsonSerializer.Serialize(r, StatsJson.Options)));

            foreach (var o in report.Outcomes)
                stdout.WriteLine(o.Error is null
                    ? $"{o.Id,-24} {o.Type,-9} {o.Rounds,3} round(s) {o.Elapsed.TotalMilliseconds,9:F1} ms"
                    : $"{o.Id,-24} {o.Type,-9} FAILED: {o.Error}");
            stdout.WriteLine($"{sites.Count} sites, {sites.Sum(s => s.Table.RowCount)} rows, {report.Outcomes.Count(o => o.Error is null)}/{report.Outcomes.Count} analyses; results in {outFile}");
            if (report.Rejected.Count > 0)
                stdout.WriteLine($"{report.Rejected.Count} rejected record(s) quarantined in {outFile}.quarantine.jsonl");
            return report.Outcomes.Any(o => o.Error is not null) ? 1 : 0;
        }
        catch (Exception e) when (e is UsageException or PolicyFileException)
        {
            stderr.WriteLine($"simulate: {e.Message}");
            return 2;
        }
        catch (AnalysisException e)
        {
            stderr.WriteLine($"simulate: {e.Message}");
            return 2;
        }
    }

    /// <summary>Every analysis with a missing or unknown type, named by its position, before the typed read.</summary>
    private static void CheckTypes(string path, string text)
    {
        if (JsonNode.Parse(text) is not JsonArray array) return;
        var known = FederatedMethods.All.Types.ToArray();
        var errors = array.Select((a, i) => (Type: a?["type"]?.GetValueKind() == JsonValueKind.String ? (string?)a["type"]!.GetValue<string>() : null, i))
            .Where(x => x.Type is null || !known.Contains(x.Type))
            .Select(x => x.Type is null
                ? $"{path}: $[{x.i}].type: missing; an analysis needs a type ({string.Join(", ", known)})"
                : $"{path}: $[{x.i}].type: unknown analysis type '{x.Type}' (known: {string.Join(", ", known)})")
            .ToList();
        if (errors.Count > 0) throw new UsageException(string.Join(Environment.NewLine, errors));
    }

    private static IReadOnlyList<AnalysisSpec> ReadAnalyses(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"{path}: no such analyses file");
        IReadOnlyList<AnalysisSpec> specs;
        try
        {
            var text = File.ReadAllText(path);
            if (text.TrimStart().StartsWith('{'))
                text = JsonDocument.Parse(text).RootElement.GetProperty("analyses").GetRawText();
            CheckTypes(path, text);
            specs = SapJson.ReadAnalyses(text);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or NotSupportedException)
        {
            throw new UsageException($"{path}: {JsonErrorText.Where(e)}{JsonErrorText.Plain(e.Message)}");
        }
        var errors = new List<string>();
        for (var i = 0; i < specs.Count; i++)
            if (string.IsNullOrWhiteSpace(specs[i].Id)) errors.Add($"{path}: $[{i}].id: every analysis needs an id");
        foreach (var dup in specs.GroupBy(s => s.Id).Where(g => g.Count() > 1 && !string.IsNullOrWhiteSpace(g.Key)))
            errors.Add($"{path}: analysis id '{dup.Key}' is used {dup.Count()} times");
        if (errors.Count > 0) throw new UsageException(string.Join(Environment.NewLine, errors));
        return specs;
    }
}

using System.CommandLine;
using System.Text.Json;
using ClinicalTrials.Site.Hosting;
using ClinicalTrials.Site.Ingestion;

namespace ClinicalTrials.SiteAgent.Commands;

/// <summary>
/// <c>ingest --site-dir DIR FILE... [--format csv|parquet|fhir] [--json]</c>: loads each file and prints
/// what happened to its records. Exit 0 when the command itself worked, even if records were
/// quarantined (see <c>quarantine</c>); 2 when a file could not be ingested at all (the others still are).
/// </summary>
internal static class IngestCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = SiteDirOption.Create();
        var files = new Argument<string[]>("FILE") { Description = "CSV, Parquet, FHIR NDJSON (.ndjson/.jsonl) or FHIR Bundle (.json) files", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string?>("--format") { Description = "Format of every file, instead of their extensions: csv, parquet or fhir" };
        format.AcceptOnlyFromAmong("csv", "parquet", "fhir");
        var json = new Option<bool>("--json") { Description = "One JSON object per file: {\"loaded\":…,\"quarantined\":…,\"duplicates\":…}" };
        var command = new Command("ingest", "Load readings, events and participants from files into the site's store") { dir, files, format, json };
        command.SetAction((parse, cancellationToken) => Verb.RunAsync("ingest", stderr, async () =>
        {
            var home = SiteHome.Open(parse.GetValue(dir)!);
            using var store = home.OpenStore();
            var ingestor = new SiteIngestor(store, TimeProvider.System);
            var failed = false;
            foreach (var file in parse.GetValue(files)!)
            {
                IngestFormat? kind = parse.GetValue(format) switch
                {
                    "csv" => IngestFormat.Csv,
                    "parquet" => IngestFormat.Parquet,
                    "fhir" => file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? IngestFormat.FhirJson : IngestFormat.FhirNdjson,
                    _ => null,
                };
                try
                {
                    var summary = await ingestor.IngestAsync(file, kind, cancellationToken);
                    if (parse.GetValue(json)) await stdout.WriteLineAsync(JsonSerializer.Serialize(summary));
                    else await stdout.WriteLineAsync(Describe(summary));
                }
                catch (IngestException e)
                {
                    failed = true;
                    await stderr.WriteLineAsync($"ingest: {e.Message}");
                }
            }
            return failed ? 2 : 0;
        }));
        return command;
    }

    private static string Describe(IngestSummary s) => s.AlreadyIngested
        ? $"{s.File}: already ingested (same {s.Sha256}); {s.Duplicates:N0} records, nothing added"
        : $"{s.File}: {s.Loaded:N0} loaded, {s.Quarantined:N0} quarantined, {s.Duplicates:N0} duplicates" +
          (s.ParticipantsCreated > 0 ? $", {s.ParticipantsCreated:N0} new participants" : "") +
          $" ({s.Seconds:F1} s)" + (s.Quarantined > 0 ? " — see 'quarantine'" : "");
}

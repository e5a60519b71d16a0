using System.CommandLine;
using System.Text.Json;
using ClinicalTrials.Site.Hosting;
using ClinicalTrials.Site.Ingestion;

namespace ClinicalTrials.SiteAgent.Commands;

/// <summary><c>quarantine --site-dir DIR [--file NAME] [--limit N] [--json]</c>: the refused records, each with file, line, field and reason.</summary>
internal static class QuarantineCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = SiteDirOption.Create();
        var file = new Option<string?>("--file") { Description = "Only records from files whose path ends with this" };
        var limit = new Option<int>("--limit") { Description = "At most this many records", DefaultValueFactory = _ => 1000 };
        var json = new Option<bool>("--json") { Description = "One JSON object per record" };
        var command = new Command("quarantine", "List records refused at ingestion, with the reason") { dir, file, limit, json };
        command.SetAction((parse, _) => Verb.RunAsync("quarantine", stderr, async () =>
        {
            var home = SiteHome.Open(parse.GetValue(dir)!);
            using var store = home.OpenStore();
            var entries = new SiteIngestor(store, TimeProvider.System).Quarantine(parse.GetValue(file), parse.GetValue(limit));
            foreach (var entry in entries)
            {
                if (parse.GetValue(json)) await stdout.WriteLineAsync(JsonSerializer.Serialize(entry));
                else
                {
                    await stdout.WriteLineAsync(entry.ToString());
                    if (entry.Record is { } record) await stdout.WriteLineAsync("    " + (record.Length > 200 ? record[..200] + "…" : record));
                }
            }
            if (!parse.GetValue(json)) await stdout.WriteLineAsync($"{entries.Count} quarantined record(s)");
            return 0;
        }));
        return command;
    }
}

using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Site.Hosting;
using ClinicalTrials.Site.Ingestion;
using DuckDB.NET.Data;

namespace ClinicalTrials.SiteAgent.Commands;

/// <summary>
/// <c>status --site-dir DIR [--json]</c>: who the site is, its policy and ledger, what data it holds,
/// and per joined trial the allocation commitment, enrollment counts (counts only: allocation
/// concealment) and answered/refused analysis requests.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = SiteDirOption.Create();
        var json = new Option<bool>("--json") { Description = "As one JSON object" };
        var command = new Command("status", "Show the site's identity, policy, data and trials") { dir, json };
        command.SetAction((parse, cancellationToken) => Verb.RunAsync("status", stderr, async () =>
        {
            var home = SiteHome.Open(parse.GetValue(dir)!);
            await using var site = await SiteRuntime.OpenAsync(home, TimeProvider.System, new SiteRuntimeOptions { RequireLedger = false }, cancellationToken);
            var status = Build(site);
            if (parse.GetValue(json)) await stdout.WriteLineAsync(status.ToJsonString());
            else await stdout.WriteAsync(Text(status));
            return 0;
        }));
        return command;
    }

    private static JsonObject Build(SiteRuntime site)
    {
        var trials = new JsonArray();
        foreach (var trial in site.Trials.List())
        {
            var commitment = site.Services.Randomization.Find(trial.TrialId);
            var summary = site.Services.Enrollment.Summary(trial.TrialId);
            var queries = site.Queries.List(trial.TrialId);
            trials.Add(new JsonObject
            {
                ["trial_id"] = trial.TrialId,
                ["site_number"] = trial.SiteNumber,
                ["protocol_version"] = trial.Protocol.Version,
                ["protocol_hash"] = trial.ProtocolHash,
                ["sap_hash"] = trial.SapHash,
                ["allocation_commitment"] = commitment?.Commitment.ToString(),
                ["commitment_anchored"] = commitment?.IsConfirmed ?? false,
                ["consent_granted"] = summary.ConsentGranted,
                ["consent_withdrawn"] = summary.ConsentWithdrawn,
                ["enrolled"] = summary.Enrolled,
                ["enrolled_withdrawn"] = summary.EnrolledWithdrawn,
                ["enrolled_by_arm"] = new JsonObject(summary.ByArm.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
                ["requests_answered"] = queries.Count(q => q.Outcome == Site.Policy.QueryLog.Answered),
                ["requests_refused"] = queries.Count(q => q.Outcome == Site.Policy.QueryLog.Refused),
            });
        }
        return new JsonObject
        {
            ["site_id"] = site.Home.SiteId,
            ["directory"] = site.Home.Dir,
            ["key_id"] = site.Key.KeyId,
            ["ledger"] = site.Ledger?.Name,
            ["ledger_account"] = site.Ledger?.Account,
            ["policy"] = JsonNode.Parse(Site.Policy.SitePolicyFile.ToJson(site.Policy)),
            ["data"] = new JsonObject
            {
                ["participants"] = Count(site, "participants"),
                ["observations"] = Count(site, "observations"),
                ["observation_codes"] = Count(site, "(SELECT DISTINCT loinc FROM observations)"),
                ["clinical_events"] = Count(site, "clinical_events"),
                ["files_ingested"] = Count(site, "ingested_files"),
                ["quarantined"] = Count(site, "quarantine"),
            },
            ["trials"] = trials,
        };
    }

    private static long Count(SiteRuntime site, string table)
    {
        using var c = site.Store.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM {table}";
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Text(JsonObject s)
    {
        var w = new StringWriter();
        w.WriteLine($"site {s["site_id"]} ({s["directory"]})");
        w.WriteLine($"  key     {s["key_id"]}");
        w.WriteLine($"  ledger  {(s["ledger"] is { } l ? $"{l} as {s["ledger_account"]}" : "none configured")}");
        w.WriteLine($"  policy  {s["policy"]!.ToJsonString()}");
        var d = s["data"]!;
        w.WriteLine($"  data    {d["participants"]} participants, {d["observations"]} readings of {d["observation_codes"]} codes, {d["clinical_events"]} clinical events, " +
                    $"{d["files_ingested"]} files ingested, {d["quarantined"]} records quarantined");
        foreach (var t in s["trials"]!.AsArray())
        {
            w.WriteLine($"  trial {t!["trial_id"]} v{t["protocol_version"]} as site {t["site_number"]}");
            w.WriteLine($"    protocol {t["protocol_hash"]}, sap {t["sap_hash"]}");
            w.WriteLine($"    allocation list {(t["allocation_commitment"] is { } c ? $"{c} ({((bool)t["commitment_anchored"]! ? "anchored" : "not yet anchored")})" : "not committed")}");
            w.WriteLine($"    consent {t["consent_granted"]} standing, {t["consent_withdrawn"]} withdrawn; enrolled {t["enrolled"]} ({t["enrolled_by_arm"]!.ToJsonString()}), {t["enrolled_withdrawn"]} since withdrawn");
            w.WriteLine($"    analysis requests: {t["requests_answered"]} answered, {t["requests_refused"]} refused");
        }
        return w.ToString();
    }
}

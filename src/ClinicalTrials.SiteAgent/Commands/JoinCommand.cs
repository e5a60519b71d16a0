using System.CommandLine;
using ClinicalTrials.Site.Hosting;

namespace ClinicalTrials.SiteAgent.Commands;

/// <summary>
/// <c>join --site-dir DIR --protocol FILE --sap FILE</c>: takes part in a trial (the documents must be
/// valid and list this site), then commits the site's allocation list: generated from a fresh seed,
/// its hash anchored on the ledger before any enrollment. Re-joining with amended documents keeps the
/// old versions.
/// </summary>
internal static class JoinCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = SiteDirOption.Create();
        var protocol = new Option<string>("--protocol") { Description = "The registered protocol (JSON)", Required = true };
        var sap = new Option<string>("--sap") { Description = "The registered statistical analysis plan (JSON)", Required = true };
        var command = new Command("join", "Join a trial and commit the site's allocation list on the ledger") { dir, protocol, sap };
        command.SetAction((parse, cancellationToken) => Verb.RunAsync("join", stderr, async () =>
        {
            await using var site = await SiteRuntime.OpenAsync(SiteHome.Open(parse.GetValue(dir)!), TimeProvider.System, cancellationToken: cancellationToken);
            var trial = site.Trials.JoinFiles(parse.GetValue(protocol)!, parse.GetValue(sap)!);
            await stdout.WriteLineAsync($"joined {trial.TrialId} as site {trial.SiteNumber} ({site.Home.SiteId})");
            await stdout.WriteLineAsync($"  protocol {trial.ProtocolHash}");
            await stdout.WriteLineAsync($"  sap      {trial.SapHash}");
            var commitment = await site.Services.Randomization.CommitAsync(trial.TrialId, cancellationToken);
            await stdout.WriteLineAsync($"  allocation list committed: {commitment.Commitment} ({string.Join(", ", commitment.ListLengths.Select(l => $"{l.Key}: {l.Value}"))})");
            await stdout.WriteLineAsync($"  anchored in {commitment.Receipt!.TransactionId} on {commitment.Receipt.Ledger}");
            return 0;
        }));
        return command;
    }
}

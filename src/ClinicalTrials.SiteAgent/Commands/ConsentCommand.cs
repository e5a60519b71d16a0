using System.CommandLine;
using ClinicalTrials.Site.Hosting;

namespace ClinicalTrials.SiteAgent.Commands;

/// <summary>
/// <c>consent</c> and <c>withdraw --site-dir DIR --trial T --participant P</c>: records a consent grant or
/// withdrawal; the event (participant pseudonymised) is anchored on the ledger before the command ends.
/// After a withdrawal the participant is left out of every later analysis.
/// </summary>
internal static class ConsentCommand
{
    public static Command Create(bool grant, TextWriter stdout, TextWriter stderr)
    {
        var name = grant ? "consent" : "withdraw";
        var dir = SiteDirOption.Create();
        var trial = TrialParticipantOptions.Trial();
        var participant = TrialParticipantOptions.Participant();
        var command = new Command(name, grant ? "Record a participant's consent" : "Record a participant's withdrawal of consent") { dir, trial, participant };
        command.SetAction((parse, cancellationToken) => Verb.RunAsync(name, stderr, async () =>
        {
            await using var site = await SiteRuntime.OpenAsync(SiteHome.Open(parse.GetValue(dir)!), TimeProvider.System, cancellationToken: cancellationToken);
            var (t, p) = (parse.GetValue(trial)!, parse.GetValue(participant)!);
            var change = grant ? site.Services.Consents.Grant(t, p) : site.Services.Consents.Withdraw(t, p);
            await stdout.WriteLineAsync($"{p} in {t}: {change.Outcome} at {change.Record.At:u} (event {change.Record.EventHash})");
            return 0;
        }));
        return command;
    }
}

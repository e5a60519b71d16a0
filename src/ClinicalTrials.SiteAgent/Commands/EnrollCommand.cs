using System.Collections.Immutable;
using System.CommandLine;
using ClinicalTrials.Site.Enrollment;
using ClinicalTrials.Site.Hosting;

namespace ClinicalTrials.SiteAgent.Commands;

/// <summary>
/// <c>enroll --site-dir DIR --trial T --participant P [--age N] [--sex F|M] [--stratum NAME=LEVEL]... --confirm-criteria</c>:
/// checks consent and eligibility (every unmet criterion is listed), then takes the next position of
/// the participant's stratum in the committed allocation list and prints the arm. Exit 1 with the
/// reasons when refused; enrolling again returns the same allocation.
/// </summary>
internal static class EnrollCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = SiteDirOption.Create();
        var trial = TrialParticipantOptions.Trial();
        var participant = TrialParticipantOptions.Participant();
        var age = new Option<int?>("--age") { Description = "Age in years at enrollment (else from the participant's birth date)" };
        var sex = new Option<string?>("--sex") { Description = "F or M (else from the participant's record)" };
        sex.AcceptOnlyFromAmong("F", "M");
        var strata = new Option<string[]>("--stratum") { Description = "A stratification level, NAME=LEVEL (repeat per factor)", AllowMultipleArgumentsPerToken = false };
        var confirm = new Option<bool>("--confirm-criteria") { Description = "The investigator confirms the protocol's free-text inclusion and exclusion criteria" };
        var command = new Command("enroll", "Check eligibility and randomize a consented participant") { dir, trial, participant, age, sex, strata, confirm };
        command.SetAction((parse, cancellationToken) => Verb.RunAsync("enroll", stderr, async () =>
        {
            var levels = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(strata) ?? [])
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || eq == pair.Length - 1) throw new UsageException($"--stratum '{pair}': expected NAME=LEVEL");
                levels[pair[..eq]] = pair[(eq + 1)..];
            }
            await using var site = await SiteRuntime.OpenAsync(SiteHome.Open(parse.GetValue(dir)!), TimeProvider.System, cancellationToken: cancellationToken);
            var (t, p) = (parse.GetValue(trial)!, parse.GetValue(participant)!);
            var result = await site.Services.Enrollment.EnrollAsync(t, p, new EnrollmentRequest
            {
                Age = parse.GetValue(age),
                Sex = parse.GetValue(sex),
                Strata = levels.ToImmutable(),
                InvestigatorConfirmed = parse.GetValue(confirm),
            }, cancellationToken);
            if (result.Allocation is not { } a)
            {
                await stderr.WriteLineAsync($"enroll: {p} not enrolled in {t}:");
                foreach (var reason in result.Refusals) await stderr.WriteLineAsync("  - " + reason);
                return 1;
            }
            await stdout.WriteLineAsync($"{p} {(result.AlreadyEnrolled ? "was already enrolled" : "enrolled")} in {t}: arm {a.Arm} " +
                $"(stratum {a.Stratum}, position {a.Position}, block {a.Block}, randomized {a.RandomizedAt:u}, event {a.EventHash})");
            return 0;
        }));
        return command;
    }
}

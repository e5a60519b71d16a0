using ClinicalTrials.Core.Signing;
using ClinicalTrials.Ledger;
using ClinicalTrials.Site.Consent;
using ClinicalTrials.Site.Hosting;
using ClinicalTrials.Site.Policy;
using ClinicalTrials.Site.Randomization;
using ClinicalTrials.Site.Store;
using ClinicalTrials.Site.Trials;

namespace ClinicalTrials.SiteAgent.Commands;

/// <summary>
/// Runs a verb's body and turns the errors a user can cause into a one-line message on stderr:
/// exit code 1 when the site's rules or the ledger refused what was asked (consent, randomization,
/// joining), 2 for usage errors and missing or bad files. The body returns 0 on success, or 1 with
/// its own reasons printed.
/// </summary>
internal static class Verb
{
    public static async Task<int> RunAsync(string name, TextWriter stderr, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is ConsentRefusedException or RandomizationException or TrialJoinException or LedgerRejectedException)
        {
            await stderr.WriteLineAsync($"{name}: refused: {(e is LedgerRejectedException r ? "the ledger refused: " + r.Reason : e.Message)}");
            return 1;
        }
        catch (Exception e) when (e is SiteHomeException or PolicyFileException or SiteStoreException or KeyFormatException
                                       or LedgerException or UsageException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"{name}: {e.Message}");
            return 2;
        }
    }
}

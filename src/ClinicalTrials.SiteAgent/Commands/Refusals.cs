using ClinicalTrials.Ledger;
using ClinicalTrials.Site.Consent;
using ClinicalTrials.Site.Randomization;
using ClinicalTrials.Site.Trials;

namespace ClinicalTrials.SiteAgent.Commands;

/// <summary>Refusals of the site's own rules (consent, randomization, joining, the ledger): exit code 1 with the reason.</summary>
internal static class Refusals
{
    public static async Task<int> RunAsync(string verb, TextWriter stderr, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is ConsentRefusedException or RandomizationException or TrialJoinException or LedgerRejectedException)
        {
            await stderr.WriteLineAsync($"{verb}: refused: {(e is LedgerRejectedException r ? "the ledger refused: " + r.Reason : e.Message)}");
            return 1;
        }
    }
}

using ClinicalTrials.Core.Signing;
using ClinicalTrials.Ledger;
using ClinicalTrials.Site.Hosting;
using ClinicalTrials.Site.Policy;
using ClinicalTrials.Site.Store;

namespace ClinicalTrials.SiteAgent.Commands;

/// <summary>
/// Runs a verb's body and turns the errors a user can cause into a one-line message on stderr and
/// exit code 2 (usage, missing or bad files); the body returns 0 on success and 1 when the site
/// refused or could not do what was asked (with its reasons printed).
/// </summary>
internal static class Verb
{
    public static async Task<int> RunAsync(string name, TextWriter stderr, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is SiteHomeException or PolicyFileException or SiteStoreException or KeyFormatException
                                       or LedgerException or UsageException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"{name}: {e.Message}");
            return 2;
        }
    }
}

using ClinicalTrials.Ledger.Embedded;
using static ClinicalTrials.Ledger.Tests.Embedded.TestData;

namespace ClinicalTrials.Ledger.Tests.Embedded;

/// <summary>A random ledger of valid operations: trials, amendments, site keys, revocations, anchors by sponsors and sites.</summary>
internal static class RandomLedger
{
    private static readonly AnchorKind[] SponsorKinds = [AnchorKind.DataLock, AnchorKind.AggregateBatch, AnchorKind.Result, AnchorKind.Bundle, AnchorKind.Unblinding];
    private static readonly AnchorKind[] SiteKinds = [AnchorKind.ConsentBatch, AnchorKind.RandomizationCommitment, AnchorKind.EnrollmentBatch, AnchorKind.DataLock];

    /// <summary>Appends <paramref name="operations"/> valid operations; returns the last receipt.</summary>
    public static async Task<LedgerReceipt> FillAsync(EmbeddedLedger ledger, Random random, int operations)
    {
        var trials = new List<(string Id, string Sponsor, List<(string Site, string Account)> Active, int Sites)>();
        LedgerReceipt last = null!;
        for (int n = 0; n < operations; n++)
        {
            int choice = trials.Count == 0 ? 0 : random.Next(10);
            if (choice == 0)
            {
                string id = $"T-{trials.Count + 1}";
                string sponsor = $"sponsor:{random.Next(3)}";
                last = await ledger.ForAccount(sponsor).RegisterTrialAsync(id, Hash($"{id} protocol"), Hash($"{id} sap"));
                trials.Add((id, sponsor, [], 0));
                continue;
            }
            int t = random.Next(trials.Count);
            var trial = trials[t];
            var sponsorView = ledger.ForAccount(trial.Sponsor);
            string salt = $"{n}-{random.Next()}";
            switch (choice)
            {
                case 1:
                    last = await sponsorView.AmendAsync(trial.Id, Hash($"p {salt}"), Hash($"s {salt}"), Hash($"r {salt}"));
                    break;
                case 2 or 3:
                {
                    string site = $"site-{trial.Sites + 1}";
                    string account = $"site:{trial.Id}:{trial.Sites + 1}";
                    last = await sponsorView.RegisterSiteKeyAsync(trial.Id, site, PublicKey(site), account);
                    trial.Active.Add((site, account));
                    trials[t] = trial with { Sites = trial.Sites + 1 };
                    break;
                }
                case 4 when trial.Active.Count > 0:
                {
                    int s = random.Next(trial.Active.Count);
                    last = await sponsorView.RevokeSiteKeyAsync(trial.Id, trial.Active[s].Site);
                    trial.Active.RemoveAt(s);
                    break;
                }
                default:
                    if (trial.Active.Count > 0 && random.Next(2) == 0)
                    {
                        var (_, account) = trial.Active[random.Next(trial.Active.Count)];
                        last = await ledger.ForAccount(account).AnchorAsync(trial.Id, SiteKinds[random.Next(SiteKinds.Length)], Hash($"root {salt}"), random.Next(1, 10_000));
                    }
                    else
                    {
                        last = await sponsorView.AnchorAsync(trial.Id, SponsorKinds[random.Next(SponsorKinds.Length)], Hash($"root {salt}"), random.Next(1, 10_000));
                    }
                    break;
            }
        }
        return last;
    }
}

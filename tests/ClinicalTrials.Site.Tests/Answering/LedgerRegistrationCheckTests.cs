using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Ledger.Embedded;
using ClinicalTrials.Site.Answering;
using ClinicalTrials.Site.Tests.Support;

namespace ClinicalTrials.Site.Tests.Answering;

public sealed class LedgerRegistrationCheckTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ct-reg-");

    [Fact]
    public async Task Reads_the_current_version_from_the_ledger_and_follows_amendments()
    {
        var trial = ExampleTrials.Join("hypertension", 2);
        using var ledger = EmbeddedLedger.Open(Path.Combine(_dir.FullName, "ledger.jsonl"), TimeProvider.System);
        var sponsor = ledger.ForAccount("sponsor:acme");
        var check = new LedgerRegistrationCheck(ledger.ForAccount("site:2"));

        Assert.Null(await check.FindAsync(trial.TrialId));

        await sponsor.RegisterTrialAsync(trial.TrialId, ContentHash.Parse(trial.ProtocolHash), ContentHash.Parse(trial.SapHash));
        var registered = await check.FindAsync(trial.TrialId);
        Assert.Equal((trial.ProtocolHash, trial.SapHash), (registered!.ProtocolHash, registered.SapHash));
        Assert.Contains("version 1", registered.Source);

        var amended = ContentHash.OfJsonText("{\"sap\":2}");
        await sponsor.AmendAsync(trial.TrialId, ContentHash.Parse(trial.ProtocolHash), amended, ContentHash.OfJsonText("{\"reason\":\"typo\"}"));
        registered = await check.FindAsync(trial.TrialId);
        Assert.Equal(amended.ToString(), registered!.SapHash);
        Assert.Contains("version 2", registered.Source);
    }

    public void Dispose() => _dir.Delete(true);
}

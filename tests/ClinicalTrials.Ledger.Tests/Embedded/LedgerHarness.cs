using ClinicalTrials.Core.Signing;
using ClinicalTrials.Ledger.Embedded;

namespace ClinicalTrials.Ledger.Tests.Embedded;

/// <summary>A ledger file in a temp directory, its key and clock, and the ledger opened on it.</summary>
internal sealed class LedgerHarness : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly bool _durable;

    public LedgerHarness(bool durable = true)
    {
        _durable = durable;
        Path = _directory.File("ledger.jsonl");
        Ledger = Open();
    }

    public string Path { get; }

    public SigningKey Key { get; } = TestData.Key("ledger");

    public SteppingClock Clock { get; } = new();

    public EmbeddedLedger Ledger { get; private set; }

    public string Directory => _directory.Path;

    public IAnchorLedger As(string account) => Ledger.ForAccount(account);

    public IAnchorLedger Sponsor => As(TestData.Sponsor);

    public string File(string name) => _directory.File(name);

    public EmbeddedLedger Open() => EmbeddedLedger.Open(Path, _ => (Key, false), Clock, SignatureCheck.Head, _durable);

    public void Close() => Ledger.Dispose();

    public void Reopen()
    {
        Ledger.Dispose();
        Ledger = Open();
    }

    public EmbeddedLedgerReport Verify(SignatureCheck signatures = SignatureCheck.All, LedgerReceipt? latest = null) =>
        EmbeddedLedgerVerifier.Verify(Path, Key.PublicKey, signatures, latest);

    /// <summary>A trial registered by the sponsor, with site 1 anchoring as <c>site:1</c>.</summary>
    public async Task<LedgerReceipt> RegisterTrialWithSiteAsync()
    {
        await Sponsor.RegisterTrialAsync(TestData.Trial, TestData.Hash("protocol v1"), TestData.Hash("sap v1"));
        return await Sponsor.RegisterSiteKeyAsync(TestData.Trial, "site-1", TestData.PublicKey("site-1"), "site:1");
    }

    public void Dispose()
    {
        Ledger.Dispose();
        Key.Dispose();
        _directory.Dispose();
    }
}

using System.Diagnostics;
using ClinicalTrials.Ledger.Embedded;
using Xunit.Abstractions;
using static ClinicalTrials.Ledger.Tests.Embedded.TestData;

namespace ClinicalTrials.Ledger.Tests.Embedded;

/// <summary>
/// A large ledger opens, replays, answers and continues. Figures are printed, not asserted: speed
/// belongs in benchmarks (100,000 entries opened in about 0.6 s on the project's 2-core machine).
/// </summary>
public sealed class EmbeddedLedgerPerformanceTests(ITestOutputHelper output)
{
    private const int Entries = 20_000;

    /// <summary>Writes a valid ledger of <see cref="Entries"/> entries straight through the codec (no fsync per entry).</summary>
    private static void Generate(string path, Core.Signing.SigningKey key)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        var time = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var previous = EntryCodec.ZeroHash;
        void Append(long sequence, string account, LedgerOperation operation)
        {
            var encoded = EntryCodec.Encode(sequence, time.AddSeconds(sequence), account, operation, previous, key);
            file.Write(encoded.Line);
            previous = encoded.Hash;
        }
        Append(0, EmbeddedLedger.GenesisAccount, new GenesisOperation(EntryCodec.Format, EmbeddedLedger.Notice, key.PublicKey.ToRawBytes(), key.KeyId));
        Append(1, Sponsor, new RegisterTrialOperation(Trial, Hash("p"), Hash("s")));
        Append(2, Sponsor, new RegisterSiteKeyOperation(Trial, "site-1", PublicKey("site-1"), "site:1"));
        for (long sequence = 3; sequence < Entries; sequence++)
        {
            Append(sequence, sequence % 2 == 0 ? Sponsor : "site:1", sequence % 2 == 0
                ? new AnchorOperation(Trial, AnchorKind.AggregateBatch, Hash($"batch {sequence}"), sequence)
                : new AnchorOperation(Trial, AnchorKind.ConsentBatch, Hash($"batch {sequence}"), sequence));
        }
    }

    [Fact]
    public async Task A_large_ledger_opens_replays_answers_and_continues()
    {
        using var directory = new TempDirectory();
        using var key = Key("ledger");
        string path = directory.File("big.jsonl");
        var generating = Stopwatch.StartNew();
        Generate(path, key);
        output.WriteLine($"generated {Entries} entries ({new FileInfo(path).Length / 1e6:F1} MB) in {generating.Elapsed.TotalSeconds:F2} s");

        var opening = Stopwatch.StartNew();
        using (var ledger = EmbeddedLedger.Open(path, key, new SteppingClock()))
        {
            opening.Stop();
            output.WriteLine($"Open (every hash and link, head signature, replay): {opening.Elapsed.TotalSeconds:F2} s");
            Assert.Equal(Entries, ledger.Count);
            var view = ledger.ForAccount(Sponsor);
            var found = await view.FindAnchorAsync(Trial, Hash("batch 7777"));
            Assert.Equal(7777, found!.Receipt.Block);
            Assert.Equal(Entries - 3, (await view.ListAnchorsAsync(Trial)).Count);
            var next = await view.AnchorAsync(Trial, AnchorKind.Result, Hash("result"), 1);
            Assert.Equal(Entries, next.Block);
        }

        var verifying = Stopwatch.StartNew();
        var report = EmbeddedLedgerVerifier.Verify(path, key.PublicKey, SignatureCheck.All);
        verifying.Stop();
        output.WriteLine($"Verify with every signature: {verifying.Elapsed.TotalSeconds:F2} s ({report.SignaturesVerified} signatures, {Environment.ProcessorCount} cores)");
        Assert.True(report.IsValid, report.ToString());
        Assert.Equal(Entries + 1, report.SignaturesVerified);
    }
}

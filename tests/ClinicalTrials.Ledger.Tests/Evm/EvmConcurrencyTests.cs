using System.Globalization;
using static ClinicalTrials.Ledger.Tests.Evm.AnvilAccounts;

namespace ClinicalTrials.Ledger.Tests.Evm;

[Collection(AnvilCollection.Name)]
public sealed class EvmConcurrencyTests(AnvilFixture anvil)
{
    [Fact]
    public async Task Fifty_parallel_anchors_from_one_account_all_land_with_distinct_consecutive_nonces()
    {
        const string trial = "CONC-001";
        const int count = 50;
        var sponsor = await anvil.ConnectAsync(Sponsor);
        await sponsor.RegisterTrialAsync(trial, TestHashes.Of("p"), TestHashes.Of("s"));
        var before = await Nonce("latest");

        var roots = Enumerable.Range(0, count).Select(i => TestHashes.Of($"parallel {i}")).ToList();
        var receipts = await Task.WhenAll(roots.Select((root, i) => Task.Run(() => sponsor.AnchorAsync(trial, AnchorKind.Result, root, i + 1))));

        var nonces = new List<long>();
        foreach (var receipt in receipts)
        {
            var transaction = await anvil.RpcAsync("eth_getTransactionByHash", receipt.TransactionId);
            nonces.Add(Quantity(transaction.GetProperty("nonce").GetString()!));
        }

        Assert.Equal(Enumerable.Range((int)before, count).Select(n => (long)n), nonces.Order());
        Assert.Equal(before + count, await Nonce("latest"));
        var listed = await sponsor.ListAnchorsAsync(trial);
        Assert.Equal(roots.ToHashSet(), listed.Select(a => a.Root).ToHashSet());
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), listed.Select(a => a.LeafCount).Order());
    }

    private async Task<long> Nonce(string block) =>
        Quantity((await anvil.RpcAsync("eth_getTransactionCount", Addresses[Sponsor], block)).GetString()!);

    private static long Quantity(string hex) => long.Parse(hex.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}

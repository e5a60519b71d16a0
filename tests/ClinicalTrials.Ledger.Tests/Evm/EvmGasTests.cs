using System.Globalization;
using ClinicalTrials.Core.Hashing;
using Xunit.Abstractions;
using static ClinicalTrials.Ledger.Tests.Evm.AnvilAccounts;

namespace ClinicalTrials.Ledger.Tests.Evm;

/// <summary>An anchor is one constant-size record: its gas does not grow with the number of events it commits to.</summary>
[Collection(AnvilCollection.Name)]
public sealed class EvmGasTests(AnvilFixture anvil, ITestOutputHelper output)
{
    [Fact]
    public async Task Anchor_gas_is_the_same_for_one_leaf_and_ten_million()
    {
        const string trial = "GAS-001";
        var sponsor = await anvil.ConnectAsync(Sponsor);
        var site = await anvil.ConnectAsync(SiteA);
        var register = await Gas(await sponsor.RegisterTrialAsync(trial, TestHashes.Of("p"), TestHashes.Of("s")));
        var amend = await Gas(await sponsor.AmendAsync(trial, TestHashes.Of("p2"), TestHashes.Of("s"), TestHashes.Of("r")));
        var siteKey = await Gas(await sponsor.RegisterSiteKeyAsync(trial, "S1", Enumerable.Repeat((byte)1, 32).ToArray(), site.Account));
        // The trial's first anchor also creates its anchor list; measure the ones after it.
        var first = await Gas(await sponsor.AnchorAsync(trial, AnchorKind.DataLock, TestHashes.Of("first"), 1));

        var one = await Gas(await sponsor.AnchorAsync(trial, AnchorKind.Result, TestHashes.Of("one leaf"), 1));
        var tenMillion = await Gas(await sponsor.AnchorAsync(trial, AnchorKind.Result, TestHashes.Of("ten million leaves"), 10_000_000));
        var most = await Gas(await sponsor.AnchorAsync(trial, AnchorKind.Result, TestHashes.Of("most leaves"), 9_007_199_254_740_991));
        var siteAnchor = await Gas(await site.AnchorAsync(trial, AnchorKind.ConsentBatch, TestHashes.Of("site batch"), 10_000_000));

        var deploy = await anvil.RpcAsync("eth_estimateGas", new Dictionary<string, string>
        {
            ["from"] = sponsor.Account,
            ["data"] = Ledger.Evm.TrialRegistryArtifact.Load().Bytecode,
        });
        output.WriteLine($"deploy (estimate): {Convert.ToInt64(deploy.GetString(), 16)} gas");
        output.WriteLine($"registerTrial: {register}");
        output.WriteLine($"amend: {amend}");
        output.WriteLine($"registerSiteKey: {siteKey}");
        output.WriteLine($"first anchor of a trial: {first}");
        output.WriteLine($"sponsor anchor, 1 leaf: {one}");
        output.WriteLine($"sponsor anchor, 10,000,000 leaves: {tenMillion}");
        output.WriteLine($"sponsor anchor, 2^53 - 1 leaves: {most}");
        output.WriteLine($"site anchor, 10,000,000 leaves: {siteAnchor}");

        // Execution is identical; the transaction total differs only by the price of the call data
        // bytes (16 gas a non-zero byte, 4 a zero byte), which is the chain's, not the contract's.
        Assert.Equal(one.Execution, tenMillion.Execution);
        Assert.Equal(one.Execution, most.Execution);
        Assert.Equal(one.Used - one.CallData, tenMillion.Used - tenMillion.CallData);
        Assert.True(first.Execution > one.Execution, "the first anchor pays for creating the list");
    }

    private async Task<GasUse> Gas(LedgerReceipt receipt)
    {
        var transaction = await anvil.RpcAsync("eth_getTransactionByHash", receipt.TransactionId);
        var mined = await anvil.RpcAsync("eth_getTransactionReceipt", receipt.TransactionId);
        var input = Convert.FromHexString(transaction.GetProperty("input").GetString()!.AsSpan(2));
        var callData = input.Sum(b => b == 0 ? 4L : 16L);
        var used = long.Parse(mined.GetProperty("gasUsed").GetString()!.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new GasUse(used, callData, used - 21_000 - callData);
    }

    private sealed record GasUse(long Used, long CallData, long Execution)
    {
        public override string ToString() => $"{Used} gas ({Execution} execution + 21000 base + {CallData} call data)";
    }
}

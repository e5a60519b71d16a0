using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ClinicalTrials.Ledger.Evm;
using static ClinicalTrials.Ledger.Tests.Evm.AnvilAccounts;

namespace ClinicalTrials.Ledger.Tests.Evm;

/// <summary>What the chain does that a single call does not show: races, confirmations, a node that goes away.</summary>
[Collection(AnvilCollection.Name)]
public sealed class EvmChainBehaviourTests(AnvilFixture anvil)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_race_lost_on_chain_is_rejected_with_the_contract_s_message()
    {
        const string trial = "RACE-001";
        var first = await anvil.ConnectAsync(Stranger);
        var second = await anvil.ConnectAsync(Other);
        // With automine off both registrations pass their gas estimate and meet in one block:
        // the loser reverts on chain, after it was sent.
        await anvil.RpcAsync("evm_setAutomine", false);
        Task<LedgerReceipt>[] racers;
        try
        {
            racers = [first.RegisterTrialAsync(trial, TestHashes.Of("a"), TestHashes.Of("a")), second.RegisterTrialAsync(trial, TestHashes.Of("b"), TestHashes.Of("b"))];
            await Eventually(async () => (await anvil.RpcAsync("txpool_status")).GetProperty("pending").GetString() == "0x2");
            await anvil.RpcAsync("evm_mine");
        }
        finally
        {
            await anvil.RpcAsync("evm_setAutomine", true);
        }

        var outcomes = await Task.WhenAll(racers.Select(async r =>
        {
            try
            {
                return (Receipt: await r.WaitAsync(Patience), Error: (LedgerRejectedException?)null);
            }
            catch (LedgerRejectedException e)
            {
                return (Receipt: (LedgerReceipt?)null, Error: e);
            }
        }));

        var winner = Assert.Single(outcomes, o => o.Receipt is not null);
        var loser = Assert.Single(outcomes, o => o.Error is not null);
        Assert.Equal($"trial {trial} is already registered", loser.Error!.Reason);
        var record = await first.GetTrialAsync(trial);
        Assert.Equal(winner.Receipt, record!.Versions[0].Receipt);
    }

    [Fact]
    public async Task A_call_returns_only_when_its_block_has_the_configured_confirmations()
    {
        const string trial = "CONFIRM-001";
        var sponsor = await anvil.ConnectAsync(Sponsor);
        await sponsor.RegisterTrialAsync(trial, TestHashes.Of("p"), TestHashes.Of("s"));
        var patient = await EvmAnchorLedger.ConnectAsync(anvil.Options(Sponsor) with { Confirmations = 3 });
        var minedBefore = await Nonce();

        var anchoring = patient.AnchorAsync(trial, AnchorKind.Result, TestHashes.Of("confirmed"), 1);
        await Eventually(async () => await Nonce() > minedBefore); // mined in its block: 1 confirmation
        await anvil.RpcAsync("evm_mine");                           // 2
        await Task.Delay(300);
        Assert.False(anchoring.IsCompleted, "returned before 3 confirmations");
        await anvil.RpcAsync("evm_mine");                           // 3
        var receipt = await anchoring.WaitAsync(Patience);

        var head = Quantity((await anvil.RpcAsync("eth_blockNumber")).GetString()!);
        Assert.Equal(head - 2, receipt.Block);
        Assert.Equal(receipt, (await sponsor.FindAnchorAsync(trial, TestHashes.Of("confirmed")))!.Receipt);
    }

    [Fact]
    public async Task Legacy_transactions_work_end_to_end()
    {
        const string trial = "LEGACY-001";
        var legacy = await EvmAnchorLedger.ConnectAsync(anvil.Options(Other) with { TransactionType = EvmTransactionType.Legacy });

        var receipt = await legacy.RegisterTrialAsync(trial, TestHashes.Of("p"), TestHashes.Of("s"));
        await Assert.ThrowsAsync<LedgerRejectedException>(() => legacy.RegisterTrialAsync(trial, TestHashes.Of("p"), TestHashes.Of("s")));

        var transaction = await anvil.RpcAsync("eth_getTransactionByHash", receipt.TransactionId);
        Assert.Equal("0x0", transaction.GetProperty("type").GetString());
        Assert.Equal(legacy.Account, (await legacy.GetTrialAsync(trial))!.Sponsor);
    }

    [Fact]
    public async Task A_node_that_is_not_there_is_unavailable_not_rejected()
    {
        var nobody = new Uri($"http://127.0.0.1:{UnusedPort()}");

        var e = await Assert.ThrowsAsync<LedgerUnavailableException>(() => EvmAnchorLedger.ConnectAsync(anvil.Options(Sponsor) with { RpcUrl = nobody }));
        Assert.Contains(nobody.ToString(), e.Message);
        await Assert.ThrowsAsync<LedgerUnavailableException>(() => EvmAnchorLedger.DeployAsync(anvil.Options(Sponsor) with { RpcUrl = nobody }));
    }

    [Fact]
    public async Task A_node_that_goes_away_makes_writes_and_reads_unavailable()
    {
        var own = new AnvilFixture();
        await own.InitializeAsync();
        EvmAnchorLedger ledger;
        try
        {
            ledger = await own.ConnectAsync(Sponsor);
            await ledger.RegisterTrialAsync("GONE-001", TestHashes.Of("p"), TestHashes.Of("s"));
        }
        finally
        {
            await own.DisposeAsync();
        }

        await Assert.ThrowsAsync<LedgerUnavailableException>(() => ledger.AnchorAsync("GONE-001", AnchorKind.Result, TestHashes.Of("r"), 1));
        await Assert.ThrowsAsync<LedgerUnavailableException>(() => ledger.GetTrialAsync("GONE-001"));
        await Assert.ThrowsAsync<LedgerUnavailableException>(() => ledger.ListAnchorsAsync("GONE-001"));
    }

    [Fact]
    public async Task Connecting_to_an_address_without_code_is_refused()
    {
        var e = await Assert.ThrowsAsync<LedgerException>(() => EvmAnchorLedger.ConnectAsync(anvil.Options(Sponsor) with { ContractAddress = Addresses[Other] }));
        Assert.Equal($"connect: there is no contract at {Addresses[Other]} on chain 31337 ({anvil.RpcUrl})", e.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => EvmAnchorLedger.ConnectAsync(anvil.Options(Sponsor) with { ContractAddress = "registry" }));
    }

    [Fact]
    public async Task Options_never_print_the_private_key_and_a_malformed_key_is_not_echoed()
    {
        var options = anvil.Options(Sponsor);
        Assert.DoesNotContain(PrivateKeys[Sponsor][2..], options.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(anvil.ContractAddress, options.ToString());

        var e = await Assert.ThrowsAsync<ArgumentException>(() => EvmAnchorLedger.ConnectAsync(options with { PrivateKey = "0xnotakey123" }));
        Assert.DoesNotContain("notakey", e.Message);
    }

    private async Task<long> Nonce() => Quantity((await anvil.RpcAsync("eth_getTransactionCount", Addresses[Sponsor], "latest")).GetString()!);

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "condition not met in time");
            await Task.Delay(20);
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static long Quantity(string hex) => long.Parse(hex.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}

using System.Numerics;
using ClinicalTrials.Ledger.Evm.Contract;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using static ClinicalTrials.Ledger.Tests.Evm.AnvilAccounts;

namespace ClinicalTrials.Ledger.Tests.Evm;

/// <summary>
/// The ledger signs offline; anvil holds the same well-known keys and signs with eth_signTransaction.
/// Both use deterministic ECDSA (RFC 6979), so equal transactions must give equal bytes.
/// </summary>
[Collection(AnvilCollection.Name)]
public sealed class EvmSigningTests(AnvilFixture anvil)
{
    public static TheoryData<int, long, long, long, long> Cases => new()
    {
        // account, nonce, gas, fee (gas price / max fee), priority fee
        { Sponsor, 0, 21_000, 1_000_000_000, 1 },
        { Sponsor, 7, 150_000, 2_000_000_000, 1_000_000_000 },
        { SiteA, 1_000_000, 29_999_999, 875_000_000, 875_000_000 },
        { Stranger, 255, 100_000, 100_000_000_000, 3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Offline_signed_legacy_transactions_equal_anvil_s(int account, long nonce, long gas, long gasPrice, long unused)
    {
        _ = unused;
        var ledger = await anvil.ConnectAsync(account);
        var data = AnchorCall(nonce);
        var offline = ledger.Sender.Sign(new TransactionInput
        {
            Type = new HexBigInteger(0),
            From = ledger.Account,
            To = anvil.ContractAddress,
            Data = data,
            Value = new HexBigInteger(0),
            Nonce = new HexBigInteger(nonce),
            Gas = new HexBigInteger(gas),
            GasPrice = new HexBigInteger(gasPrice),
        });

        var byAnvil = await anvil.RpcAsync("eth_signTransaction", new Dictionary<string, string>
        {
            ["from"] = ledger.Account,
            ["to"] = anvil.ContractAddress,
            ["data"] = data,
            ["value"] = "0x0",
            ["nonce"] = Hex(nonce),
            ["gas"] = Hex(gas),
            ["gasPrice"] = Hex(gasPrice),
            ["chainId"] = Hex(31337),
        });

        Assert.Equal(byAnvil.GetString(), offline);
        Assert.Matches("^0xf[89]", offline); // an RLP list (legacy), not an EIP-2718 typed envelope
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Offline_signed_eip1559_transactions_equal_anvil_s(int account, long nonce, long gas, long maxFee, long priorityFee)
    {
        var ledger = await anvil.ConnectAsync(account);
        var data = AnchorCall(nonce);
        var offline = ledger.Sender.Sign(new TransactionInput
        {
            Type = new HexBigInteger(2),
            From = ledger.Account,
            To = anvil.ContractAddress,
            Data = data,
            Value = new HexBigInteger(0),
            Nonce = new HexBigInteger(nonce),
            Gas = new HexBigInteger(gas),
            MaxFeePerGas = new HexBigInteger(maxFee),
            MaxPriorityFeePerGas = new HexBigInteger(priorityFee),
        });

        var byAnvil = await anvil.RpcAsync("eth_signTransaction", new Dictionary<string, string>
        {
            ["from"] = ledger.Account,
            ["to"] = anvil.ContractAddress,
            ["data"] = data,
            ["value"] = "0x0",
            ["nonce"] = Hex(nonce),
            ["gas"] = Hex(gas),
            ["maxFeePerGas"] = Hex(maxFee),
            ["maxPriorityFeePerGas"] = Hex(priorityFee),
            ["chainId"] = Hex(31337),
        });

        Assert.Equal(byAnvil.GetString(), offline);
        Assert.StartsWith("0x02", offline); // EIP-2718 type 2
    }

    private static string AnchorCall(long salt) => new AnchorFunction
    {
        TrialId = $"SIGN-{salt}",
        Kind = (byte)AnchorKind.Result,
        Root = TestHashes.Of($"signing {salt}").ToArray(),
        LeafCount = (ulong)salt + 1,
    }.GetCallData().ToHex(prefix: true);

    private static string Hex(long value) => new HexBigInteger(new BigInteger(value)).HexValue;
}

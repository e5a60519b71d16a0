using System.Text;
using ClinicalTrials.Ledger.Evm;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Nethereum.ABI;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.JsonRpc.Client;

namespace ClinicalTrials.Ledger.Tests.Evm;

public sealed class RevertReasonTests
{
    // Error(string) as the node's "data" field carries it: selector, offset 32, length 31, text padded.
    private const string ErrorData =
        "0x08c379a00000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000001f6e6f74207468652073706f6e736f72206f6620747269616c2048542d30303100";

    [Fact]
    public void Error_string_data_decodes_to_the_contract_s_message()
    {
        Assert.True(RevertReason.TryDecode(ErrorData, out var reason));
        Assert.Equal("not the sponsor of trial HT-001", reason);
    }

    [Fact]
    public void Panics_and_custom_errors_are_named()
    {
        Assert.True(RevertReason.TryDecode("0x4e487b71" + "11".PadLeft(64, '0'), out var panic));
        Assert.Equal("panic 0x11 (arithmetic overflow)", panic);
        Assert.True(RevertReason.TryDecode("0x4e487b71" + "32".PadLeft(64, '0'), out var bounds));
        Assert.Equal("panic 0x32 (index out of bounds)", bounds);
        Assert.True(RevertReason.TryDecode("0xdeadbeef", out var custom));
        Assert.Equal("custom error 0xdeadbeef", custom);
        Assert.False(RevertReason.TryDecode("0x", out _));
        Assert.False(RevertReason.TryDecode(null, out _));
    }

    [Fact]
    public void A_node_without_revert_data_still_gives_the_message_it_printed()
    {
        Assert.True(RevertReason.TryFrom(new RpcError(3, "execution reverted: not the sponsor of trial X"), out var reason));
        Assert.Equal("not the sponsor of trial X", reason);
        Assert.True(RevertReason.TryFrom(new RpcError(-32000, "execution reverted"), out var bare));
        Assert.Equal("execution reverted without a reason", bare);
        Assert.False(RevertReason.TryFrom(new RpcError(-32000, "nonce too low"), out _));
        Assert.True(RevertReason.TryFrom(new RpcError(3, "execution reverted", ErrorData), out var fromData));
        Assert.Equal("not the sponsor of trial HT-001", fromData);
    }

    [Property]
    public Property Any_error_string_round_trips_through_abi_encoding() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>().Filter(s => s is not null && Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)) == s), text =>
        {
            var encoded = "0x08c379a0" + new ABIEncode().GetABIEncoded(new ABIValue("string", text)).ToHex();
            return RevertReason.TryDecode(encoded, out var decoded) && decoded == text;
        });
}

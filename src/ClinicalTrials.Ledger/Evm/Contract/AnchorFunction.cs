using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace ClinicalTrials.Ledger.Evm.Contract;

[Function("anchor", "uint256")]
internal sealed class AnchorFunction : FunctionMessage
{
    [Parameter("string", "trialId", 1)]
    public string TrialId { get; set; } = "";

    [Parameter("uint8", "kind", 2)]
    public byte Kind { get; set; }

    [Parameter("bytes32", "root", 3)]
    public byte[] Root { get; set; } = [];

    [Parameter("uint64", "leafCount", 4)]
    public ulong LeafCount { get; set; }
}

using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace ClinicalTrials.Ledger.Evm.Contract;

[Event("Anchored")]
internal sealed class AnchoredEvent : IEventDTO
{
    [Parameter("bytes32", "trialKey", 1, true)]
    public byte[] TrialKey { get; set; } = [];

    [Parameter("bytes32", "root", 2, true)]
    public byte[] Root { get; set; } = [];

    [Parameter("uint8", "kind", 3, true)]
    public byte Kind { get; set; }

    [Parameter("uint256", "index", 4, false)]
    public BigInteger Index { get; set; }

    [Parameter("uint64", "leafCount", 5, false)]
    public ulong LeafCount { get; set; }

    [Parameter("address", "anchorer", 6, false)]
    public string Anchorer { get; set; } = "";
}

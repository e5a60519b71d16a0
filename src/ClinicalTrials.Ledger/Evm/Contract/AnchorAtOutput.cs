using Nethereum.ABI.FunctionEncoding.Attributes;

namespace ClinicalTrials.Ledger.Evm.Contract;

[FunctionOutput]
internal sealed class AnchorAtOutput : IFunctionOutputDTO
{
    [Parameter("bytes32", "root", 1)]
    public byte[] Root { get; set; } = [];

    [Parameter("uint8", "kind", 2)]
    public byte Kind { get; set; }

    [Parameter("uint64", "leafCount", 3)]
    public ulong LeafCount { get; set; }

    [Parameter("address", "anchorer", 4)]
    public string Anchorer { get; set; } = "";

    [Parameter("uint64", "blockNumber", 5)]
    public ulong BlockNumber { get; set; }

    [Parameter("uint64", "timestamp", 6)]
    public ulong Timestamp { get; set; }
}

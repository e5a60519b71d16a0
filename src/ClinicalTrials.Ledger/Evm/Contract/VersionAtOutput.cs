using Nethereum.ABI.FunctionEncoding.Attributes;

namespace ClinicalTrials.Ledger.Evm.Contract;

[FunctionOutput]
internal sealed class VersionAtOutput : IFunctionOutputDTO
{
    [Parameter("bytes32", "protocolHash", 1)]
    public byte[] ProtocolHash { get; set; } = [];

    [Parameter("bytes32", "sapHash", 2)]
    public byte[] SapHash { get; set; } = [];

    [Parameter("bytes32", "reasonHash", 3)]
    public byte[] ReasonHash { get; set; } = [];

    [Parameter("uint64", "blockNumber", 4)]
    public ulong BlockNumber { get; set; }

    [Parameter("uint64", "timestamp", 5)]
    public ulong Timestamp { get; set; }
}

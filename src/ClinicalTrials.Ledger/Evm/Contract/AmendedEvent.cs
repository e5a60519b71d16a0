using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace ClinicalTrials.Ledger.Evm.Contract;

[Event("Amended")]
internal sealed class AmendedEvent : IEventDTO
{
    [Parameter("bytes32", "trialKey", 1, true)]
    public byte[] TrialKey { get; set; } = [];

    [Parameter("uint256", "version", 2, true)]
    public BigInteger Version { get; set; }

    [Parameter("bytes32", "protocolHash", 3, false)]
    public byte[] ProtocolHash { get; set; } = [];

    [Parameter("bytes32", "sapHash", 4, false)]
    public byte[] SapHash { get; set; } = [];

    [Parameter("bytes32", "reasonHash", 5, false)]
    public byte[] ReasonHash { get; set; } = [];
}

using Nethereum.ABI.FunctionEncoding.Attributes;

namespace ClinicalTrials.Ledger.Evm.Contract;

[Event("TrialRegistered")]
internal sealed class TrialRegisteredEvent : IEventDTO
{
    [Parameter("bytes32", "trialKey", 1, true)]
    public byte[] TrialKey { get; set; } = [];

    [Parameter("address", "sponsor", 2, true)]
    public string Sponsor { get; set; } = "";

    [Parameter("string", "trialId", 3, false)]
    public string TrialId { get; set; } = "";

    [Parameter("bytes32", "protocolHash", 4, false)]
    public byte[] ProtocolHash { get; set; } = [];

    [Parameter("bytes32", "sapHash", 5, false)]
    public byte[] SapHash { get; set; } = [];
}

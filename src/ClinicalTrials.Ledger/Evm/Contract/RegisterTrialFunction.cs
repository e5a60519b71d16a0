using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace ClinicalTrials.Ledger.Evm.Contract;

[Function("registerTrial")]
internal sealed class RegisterTrialFunction : FunctionMessage
{
    [Parameter("string", "trialId", 1)]
    public string TrialId { get; set; } = "";

    [Parameter("bytes32", "protocolHash", 2)]
    public byte[] ProtocolHash { get; set; } = [];

    [Parameter("bytes32", "sapHash", 3)]
    public byte[] SapHash { get; set; } = [];
}

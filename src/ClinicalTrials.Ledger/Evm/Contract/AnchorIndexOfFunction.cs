using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace ClinicalTrials.Ledger.Evm.Contract;

[Function("anchorIndexOf", typeof(IndexOutput))]
internal sealed class AnchorIndexOfFunction : FunctionMessage
{
    [Parameter("string", "trialId", 1)]
    public string TrialId { get; set; } = "";

    [Parameter("bytes32", "root", 2)]
    public byte[] Root { get; set; } = [];
}

using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace ClinicalTrials.Ledger.Evm.Contract;

[Function("getTrial", typeof(GetTrialOutput))]
internal sealed class GetTrialFunction : FunctionMessage
{
    [Parameter("string", "trialId", 1)]
    public string TrialId { get; set; } = "";
}

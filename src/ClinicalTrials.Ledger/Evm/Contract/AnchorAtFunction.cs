using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace ClinicalTrials.Ledger.Evm.Contract;

[Function("anchorAt", typeof(AnchorAtOutput))]
internal sealed class AnchorAtFunction : FunctionMessage
{
    [Parameter("string", "trialId", 1)]
    public string TrialId { get; set; } = "";

    [Parameter("uint256", "index", 2)]
    public BigInteger Index { get; set; }
}

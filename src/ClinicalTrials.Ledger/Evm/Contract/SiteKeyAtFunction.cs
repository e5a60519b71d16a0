using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace ClinicalTrials.Ledger.Evm.Contract;

[Function("siteKeyAt", typeof(SiteKeyAtOutput))]
internal sealed class SiteKeyAtFunction : FunctionMessage
{
    [Parameter("string", "trialId", 1)]
    public string TrialId { get; set; } = "";

    [Parameter("uint256", "index", 2)]
    public BigInteger Index { get; set; }
}

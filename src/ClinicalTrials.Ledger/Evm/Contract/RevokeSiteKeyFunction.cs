using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace ClinicalTrials.Ledger.Evm.Contract;

[Function("revokeSiteKey", "uint256")]
internal sealed class RevokeSiteKeyFunction : FunctionMessage
{
    [Parameter("string", "trialId", 1)]
    public string TrialId { get; set; } = "";

    [Parameter("string", "siteId", 2)]
    public string SiteId { get; set; } = "";
}

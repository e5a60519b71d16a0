using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace ClinicalTrials.Ledger.Evm.Contract;

[Function("registerSiteKey", "uint256")]
internal sealed class RegisterSiteKeyFunction : FunctionMessage
{
    [Parameter("string", "trialId", 1)]
    public string TrialId { get; set; } = "";

    [Parameter("string", "siteId", 2)]
    public string SiteId { get; set; } = "";

    [Parameter("bytes32", "publicKey", 3)]
    public byte[] PublicKey { get; set; } = [];

    [Parameter("address", "anchorAccount", 4)]
    public string AnchorAccount { get; set; } = "";
}

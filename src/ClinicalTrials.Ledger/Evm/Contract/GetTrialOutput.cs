using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace ClinicalTrials.Ledger.Evm.Contract;

[FunctionOutput]
internal sealed class GetTrialOutput : IFunctionOutputDTO
{
    [Parameter("address", "sponsor", 1)]
    public string Sponsor { get; set; } = "";

    [Parameter("uint256", "versions", 2)]
    public BigInteger Versions { get; set; }

    [Parameter("uint256", "siteKeys", 3)]
    public BigInteger SiteKeys { get; set; }

    [Parameter("uint256", "anchors", 4)]
    public BigInteger Anchors { get; set; }
}

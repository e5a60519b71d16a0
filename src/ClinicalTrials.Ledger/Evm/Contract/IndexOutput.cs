using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace ClinicalTrials.Ledger.Evm.Contract;

/// <summary>The (found, index) pair of anchorIndexOf and siteKeyIndexOf.</summary>
[FunctionOutput]
internal sealed class IndexOutput : IFunctionOutputDTO
{
    [Parameter("bool", "found", 1)]
    public bool Found { get; set; }

    [Parameter("uint256", "index", 2)]
    public BigInteger Index { get; set; }
}

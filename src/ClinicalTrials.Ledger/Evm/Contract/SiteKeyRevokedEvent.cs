using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace ClinicalTrials.Ledger.Evm.Contract;

[Event("SiteKeyRevoked")]
internal sealed class SiteKeyRevokedEvent : IEventDTO
{
    [Parameter("bytes32", "trialKey", 1, true)]
    public byte[] TrialKey { get; set; } = [];

    [Parameter("uint256", "keyIndex", 2, true)]
    public BigInteger KeyIndex { get; set; }

    [Parameter("string", "siteId", 3, false)]
    public string SiteId { get; set; } = "";
}

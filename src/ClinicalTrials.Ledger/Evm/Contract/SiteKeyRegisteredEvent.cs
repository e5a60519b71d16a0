using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace ClinicalTrials.Ledger.Evm.Contract;

[Event("SiteKeyRegistered")]
internal sealed class SiteKeyRegisteredEvent : IEventDTO
{
    [Parameter("bytes32", "trialKey", 1, true)]
    public byte[] TrialKey { get; set; } = [];

    [Parameter("uint256", "keyIndex", 2, true)]
    public BigInteger KeyIndex { get; set; }

    [Parameter("address", "anchorAccount", 3, true)]
    public string AnchorAccount { get; set; } = "";

    [Parameter("string", "siteId", 4, false)]
    public string SiteId { get; set; } = "";

    [Parameter("bytes32", "publicKey", 5, false)]
    public byte[] PublicKey { get; set; } = [];
}

using Nethereum.ABI.FunctionEncoding.Attributes;

namespace ClinicalTrials.Ledger.Evm.Contract;

[FunctionOutput]
internal sealed class SiteKeyAtOutput : IFunctionOutputDTO
{
    [Parameter("string", "siteId", 1)]
    public string SiteId { get; set; } = "";

    [Parameter("bytes32", "publicKey", 2)]
    public byte[] PublicKey { get; set; } = [];

    [Parameter("address", "anchorAccount", 3)]
    public string AnchorAccount { get; set; } = "";

    [Parameter("uint64", "registeredBlock", 4)]
    public ulong RegisteredBlock { get; set; }

    [Parameter("uint64", "registeredAt", 5)]
    public ulong RegisteredAt { get; set; }

    [Parameter("uint64", "revokedBlock", 6)]
    public ulong RevokedBlock { get; set; }

    [Parameter("uint64", "revokedAt", 7)]
    public ulong RevokedAt { get; set; }
}

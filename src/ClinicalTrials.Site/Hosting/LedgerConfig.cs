using System.Text.Json.Serialization;

namespace ClinicalTrials.Site.Hosting;

/// <summary>
/// Where a site's ledger is: an embedded ledger file (one machine; the file's notary key beside it),
/// or an EVM node and the TrialRegistry contract, with the site's own anchoring account key.
/// Relative paths are relative to the site directory.
/// </summary>
public sealed record LedgerConfig
{
    /// <summary>Path of an embedded ledger file.</summary>
    [JsonPropertyName("embedded")] public string? Embedded { get; init; }

    /// <summary>JSON-RPC URL of an EVM node.</summary>
    [JsonPropertyName("rpc")] public string? Rpc { get; init; }

    /// <summary>TrialRegistry contract address.</summary>
    [JsonPropertyName("contract")] public string? Contract { get; init; }

    /// <summary>File holding the site's EVM account private key (hex), mode 0600.</summary>
    [JsonPropertyName("account_key_file")] public string? AccountKeyFile { get; init; }

    /// <summary>Blocks to wait after a transaction's block.</summary>
    [JsonPropertyName("confirmations")] public int Confirmations { get; init; } = 1;
}

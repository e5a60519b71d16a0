using ClinicalTrials.Core.Signing;

namespace ClinicalTrials.Ledger.Embedded;

/// <summary>
/// Checks an embedded ledger file on its own: every line decodes, every entry's content matches
/// its hash, every entry links to the one before, sequence numbers are contiguous and in order,
/// signatures verify with the key the genesis records (and that key is the expected one), and
/// replaying the entries breaks none of the ledger's rules. Every problem is listed, naming the
/// line and entry. Removing entries from the end cannot be seen in the file alone; pass the
/// latest receipt you hold to check for it.
/// </summary>
public static class EmbeddedLedgerVerifier
{
    /// <summary>Verifies the file at <paramref name="path"/>.</summary>
    /// <param name="path">The ledger file.</param>
    /// <param name="expectedKey">The ledger's public key as you know it independently; null checks only self-consistency.</param>
    /// <param name="signatures">Which signatures to check; an audit wants <see cref="SignatureCheck.All"/>.</param>
    /// <param name="latestReceipt">A receipt the ledger issued; its entry must be in the file with that hash.</param>
    /// <exception cref="LedgerException">The file cannot be read.</exception>
    public static EmbeddedLedgerReport Verify(string path, VerificationKey? expectedKey = null, SignatureCheck signatures = SignatureCheck.All, LedgerReceipt? latestReceipt = null) =>
        Run(path, new KeyExpectation(expectedKey, null), signatures, latestReceipt).Report;

    /// <summary>Verifies the file at <paramref name="path"/> against an expected key id (<c>ed25519:…</c>).</summary>
    /// <param name="path">The ledger file.</param>
    /// <param name="expectedKeyId">The ledger key's id as you know it independently.</param>
    /// <param name="signatures">Which signatures to check; an audit wants <see cref="SignatureCheck.All"/>.</param>
    /// <param name="latestReceipt">A receipt the ledger issued; its entry must be in the file with that hash.</param>
    /// <exception cref="LedgerException">The file cannot be read.</exception>
    public static EmbeddedLedgerReport Verify(string path, string expectedKeyId, SignatureCheck signatures = SignatureCheck.All, LedgerReceipt? latestReceipt = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedKeyId);
        return Run(path, new KeyExpectation(null, expectedKeyId), signatures, latestReceipt).Report;
    }

    internal static VerificationOutcome Run(string path, KeyExpectation expected, SignatureCheck signatures, LedgerReceipt? latestReceipt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LedgerException($"cannot read ledger file {path}: {e.Message}", e);
        }
        return VerificationEngine.Run(path, bytes, expected, signatures, latestReceipt);
    }
}

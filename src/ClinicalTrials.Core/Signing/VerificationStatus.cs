namespace ClinicalTrials.Core.Signing;

/// <summary>Outcome of verifying an envelope.</summary>
public enum VerificationStatus
{
    /// <summary>The trusted key signed exactly this payload.</summary>
    Valid,

    /// <summary>No trusted key has the envelope's key id.</summary>
    UnknownKey,

    /// <summary>Well-formed, but the signature does not match the payload and key.</summary>
    BadSignature,

    /// <summary>Unparseable envelope, unsupported algorithm, non-canonical payload or undecodable signature.</summary>
    Malformed,
}

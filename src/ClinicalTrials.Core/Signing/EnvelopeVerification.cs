namespace ClinicalTrials.Core.Signing;

/// <summary>Result of <see cref="EnvelopeVerifier.Verify(SignedEnvelope, IVerificationKeyResolver)"/>: the status and a message saying why.</summary>
/// <param name="Status">Valid, or why not.</param>
/// <param name="Message">Human-readable reason, naming the key id or field concerned.</param>
public sealed record EnvelopeVerification(VerificationStatus Status, string Message)
{
    /// <summary>True when the signature is valid.</summary>
    public bool IsValid => Status == VerificationStatus.Valid;
}

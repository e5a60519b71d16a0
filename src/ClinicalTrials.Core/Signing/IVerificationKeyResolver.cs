namespace ClinicalTrials.Core.Signing;

/// <summary>Finds the trusted public key for a key id; what a verifier trusts is the resolver's decision.</summary>
public interface IVerificationKeyResolver
{
    /// <summary>The trusted key with id <paramref name="keyId"/>, or null if none is trusted.</summary>
    VerificationKey? Find(string keyId);
}

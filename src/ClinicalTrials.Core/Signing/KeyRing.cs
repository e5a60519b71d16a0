using System.Collections.Immutable;

namespace ClinicalTrials.Core.Signing;

/// <summary>An immutable set of trusted public keys, by key id.</summary>
public sealed class KeyRing : IVerificationKeyResolver
{
    private readonly ImmutableDictionary<string, VerificationKey> _keys;

    /// <summary>Trusts exactly <paramref name="keys"/>.</summary>
    public KeyRing(IEnumerable<VerificationKey> keys) =>
        _keys = keys.ToImmutableDictionary(k => k.KeyId, StringComparer.Ordinal);

    private KeyRing(ImmutableDictionary<string, VerificationKey> keys) => _keys = keys;

    /// <summary>Number of trusted keys.</summary>
    public int Count => _keys.Count;

    /// <summary>A ring that also trusts <paramref name="key"/>.</summary>
    public KeyRing With(VerificationKey key) => new(_keys.SetItem(key.KeyId, key));

    /// <inheritdoc />
    public VerificationKey? Find(string keyId) => _keys.GetValueOrDefault(keyId);
}

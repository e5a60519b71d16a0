namespace ClinicalTrials.Core.Merkle;

/// <summary>
/// Where per-leaf nonces come from. Injected so production draws from the OS CSPRNG
/// (<see cref="CryptoNonceSource"/>) while tests and simulations replay a seed
/// (<see cref="SeededNonceSource"/>).
/// </summary>
public interface INonceSource
{
    /// <summary>Fills <paramref name="destination"/> with fresh nonce bytes.</summary>
    void Fill(Span<byte> destination);
}

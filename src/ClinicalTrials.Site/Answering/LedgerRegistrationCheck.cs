using ClinicalTrials.Ledger;

namespace ClinicalTrials.Site.Answering;

/// <summary>Registration as the ledger (EVM chain or embedded ledger) records it.</summary>
public sealed class LedgerRegistrationCheck(IAnchorLedger ledger) : IRegistrationCheck
{
    /// <inheritdoc />
    public async Task<RegisteredHashes?> FindAsync(string trialId, CancellationToken cancellationToken = default)
    {
        var trial = await ledger.GetTrialAsync(trialId, cancellationToken).ConfigureAwait(false);
        if (trial is null) return null;
        var current = trial.Current;
        return new RegisteredHashes(current.ProtocolHash.ToString(), current.SapHash.ToString(), $"{ledger.Name} version {current.Version}");
    }
}

namespace ClinicalTrials.Site.Answering;

/// <summary>Reads what is registered for a trial — from the ledger, never from the requester.</summary>
public interface IRegistrationCheck
{
    /// <summary>The trial's current registered hashes, or null when it is not registered.</summary>
    Task<RegisteredHashes?> FindAsync(string trialId, CancellationToken cancellationToken = default);
}

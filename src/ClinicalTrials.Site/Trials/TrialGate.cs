using System.Collections.Concurrent;

namespace ClinicalTrials.Site.Trials;

/// <summary>
/// One lock per trial, shared by the consent, randomization and enrollment services of a site, so
/// that two enrollments never take the same allocation position and a consent change is never
/// interleaved with an enrollment's consent check. Different trials proceed in parallel.
/// </summary>
public sealed class TrialGate
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Waits for the trial's lock; dispose the result to release it.</summary>
    public async Task<IDisposable> EnterAsync(string trialId, CancellationToken cancellationToken = default)
    {
        var gate = Gate(trialId);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(gate);
    }

    /// <summary>Takes the trial's lock, blocking; dispose the result to release it.</summary>
    public IDisposable Enter(string trialId)
    {
        var gate = Gate(trialId);
        gate.Wait();
        return new Releaser(gate);
    }

    private SemaphoreSlim Gate(string trialId) => _gates.GetOrAdd(trialId, static _ => new SemaphoreSlim(1, 1));

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}

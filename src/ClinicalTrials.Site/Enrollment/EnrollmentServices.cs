using ClinicalTrials.Core.Merkle;
using ClinicalTrials.Site.Answering;
using ClinicalTrials.Site.Consent;
using ClinicalTrials.Site.Derivation;
using ClinicalTrials.Site.Randomization;
using ClinicalTrials.Site.Store;
using ClinicalTrials.Site.Trials;

namespace ClinicalTrials.Site.Enrollment;

/// <summary>
/// A site's consent, randomization and enrollment services over one store and one event log,
/// sharing one <see cref="TrialGate"/> (which serialising enrollments relies on).
/// </summary>
/// <param name="Journal">The site's event journal.</param>
/// <param name="Consents">Consent grants and withdrawals.</param>
/// <param name="Randomization">Allocation commitment and reveal.</param>
/// <param name="Enrollment">Enrollment and the sponsor's summary.</param>
/// <param name="Gate">The per-trial lock the three share.</param>
public sealed record EnrollmentServices(SiteEventJournal Journal, ConsentRegistry Consents, RandomizationService Randomization, EnrollmentService Enrollment, TrialGate Gate)
{
    /// <summary>Creates the services.</summary>
    /// <param name="store">The site's database.</param>
    /// <param name="trials">The joined trials.</param>
    /// <param name="log">Where events are anchored (e.g. a <see cref="BatcherEventLog"/> acting as the site's ledger account).</param>
    /// <param name="pseudonyms">The site's participant pseudonyms (<see cref="ParticipantPseudonyms.LoadOrCreate"/>).</param>
    /// <param name="time">The site's clock.</param>
    /// <param name="seeds">Allocation seeds: the OS CSPRNG when null; a <see cref="SeededNonceSource"/> replays a demo.</param>
    /// <param name="convert">Unit conversions for observation criteria (e.g. the site's unit normaliser); none when null.</param>
    public static EnrollmentServices Create(SiteStore store, IJoinedTrials trials, ISiteEventLog log, ParticipantPseudonyms pseudonyms,
        TimeProvider time, INonceSource? seeds = null, UnitConversion? convert = null)
    {
        var gate = new TrialGate();
        var journal = new SiteEventJournal(store, log, time);
        var consents = new ConsentRegistry(store, trials, journal, pseudonyms, time, gate);
        var randomization = new RandomizationService(store, trials, journal, seeds, time, gate);
        var enrollment = new EnrollmentService(store, trials, consents, randomization, journal, pseudonyms, time, gate, convert);
        return new EnrollmentServices(journal, consents, randomization, enrollment, gate);
    }
}

using ClinicalTrials.Core.Signing;
using ClinicalTrials.Ledger;
using ClinicalTrials.Ledger.Batching;
using ClinicalTrials.Site.Answering;
using ClinicalTrials.Site.Derivation;
using ClinicalTrials.Site.Enrollment;
using ClinicalTrials.Site.Ingestion;
using ClinicalTrials.Site.Policy;
using ClinicalTrials.Site.Store;
using ClinicalTrials.Site.Trials;
using ClinicalTrials.Site.Units;

namespace ClinicalTrials.Site.Hosting;

/// <summary>
/// A site brought up from its directory: the store, key, policy and ledger account, and every
/// service over them (ingestion, joined trials, consent, randomization, enrollment, derivation,
/// answering). The command-line verbs, the agent host and the embedded demo all compose a site
/// through this one place. Disposing flushes the site's anchor batches to the ledger.
/// </summary>
public sealed class SiteRuntime : IAsyncDisposable
{
    private readonly IDisposable? _ownedLedger;

    private SiteRuntime(SiteHome home, SiteStore store, SigningKey key, SitePolicy policy, IAnchorLedger? ledger, IDisposable? ownedLedger,
        AnchorBatcher? batcher, TimeProvider time, SiteRuntimeOptions options)
    {
        Home = home;
        Store = store;
        Key = key;
        Policy = policy;
        Ledger = ledger;
        _ownedLedger = ownedLedger;
        Batcher = batcher;
        Units = new UnitNormalizer(LoincCatalog.Default);
        Ingestor = new SiteIngestor(store, time, Units);
        Trials = new SiteTrials(store, home.SiteId, time);
        ISiteEventLog log = batcher is null ? new UnconfiguredEventLog(Path.Combine(home.Dir, SiteHome.ConfigFile)) : new BatcherEventLog(batcher);
        var pseudonyms = ParticipantPseudonyms.LoadOrCreate(Path.Combine(home.Dir, ParticipantPseudonyms.FileName));
        Services = EnrollmentServices.Create(store, Trials, log, pseudonyms, time, options.Seeds, Units.Linear);
        Deriver = new EndpointDeriver(store, Units.Linear);
        Queries = new QueryLog(store);
        IRegistrationCheck registration = ledger is null ? new NoLedgerRegistration() : new LedgerRegistrationCheck(ledger);
        Analyst = new SiteAnalyst(new SiteIdentity(home.SiteId, key), policy, Trials, registration, Deriver, Queries, time);
    }

    /// <summary>The site directory.</summary>
    public SiteHome Home { get; }

    /// <summary>The site's database.</summary>
    public SiteStore Store { get; }

    /// <summary>The site's signing key.</summary>
    public SigningKey Key { get; }

    /// <summary>The site's disclosure policy.</summary>
    public SitePolicy Policy { get; }

    /// <summary>The ledger as the site's account, or null when none is configured.</summary>
    public IAnchorLedger? Ledger { get; }

    /// <summary>The site's anchor batches, or null without a ledger.</summary>
    public AnchorBatcher? Batcher { get; }

    /// <summary>Unit conversions.</summary>
    public UnitNormalizer Units { get; }

    /// <summary>Ingestion.</summary>
    public SiteIngestor Ingestor { get; }

    /// <summary>Joined trials.</summary>
    public SiteTrials Trials { get; }

    /// <summary>Consent, randomization and enrollment.</summary>
    public EnrollmentServices Services { get; }

    /// <summary>Endpoint derivation.</summary>
    public EndpointDeriver Deriver { get; }

    /// <summary>The query log.</summary>
    public QueryLog Queries { get; }

    /// <summary>Answers analysis requests.</summary>
    public SiteAnalyst Analyst { get; }

    /// <summary>The site as an agent hosts it.</summary>
    public HostedSite Hosted => new(Home.SiteId, Store, Analyst);

    /// <summary>Brings the site of <paramref name="home"/> up.</summary>
    public static async Task<SiteRuntime> OpenAsync(SiteHome home, TimeProvider time, SiteRuntimeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SiteRuntimeOptions();
        var policy = home.ReadPolicy();
        var key = home.ReadKey();
        SiteStore? store = null;
        IDisposable? owned = null;
        try
        {
            store = home.OpenStore();
            IAnchorLedger? ledger = null;
            AnchorBatcher? batcher = null;
            if (options.SharedLedger is not null || home.Config.Ledger is not null || options.RequireLedger)
            {
                (ledger, owned) = await home.OpenLedgerAsync(time, options.SharedLedger, cancellationToken).ConfigureAwait(false);
                batcher = await AnchorBatcher.OpenAsync(ledger, new AnchorBatcherOptions { Directory = home.AnchorsDir, MaxAge = options.BatchMaxAge },
                    time, cancellationToken).ConfigureAwait(false);
            }
            return new SiteRuntime(home, store, key, policy, ledger, owned, batcher, time, options);
        }
        catch
        {
            store?.Dispose();
            owned?.Dispose();
            key.Dispose();
            throw;
        }
    }

    /// <summary>Anchors what is pending, then closes everything this runtime opened.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Batcher is not null)
            {
                await Batcher.FlushAsync().ConfigureAwait(false);
                await Batcher.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            Store.Dispose();
            _ownedLedger?.Dispose();
            Key.Dispose();
        }
    }

    /// <summary>Without a ledger nothing is registered: every request is refused as such.</summary>
    private sealed class NoLedgerRegistration : IRegistrationCheck
    {
        public Task<RegisteredHashes?> FindAsync(string trialId, CancellationToken cancellationToken = default) => Task.FromResult<RegisteredHashes?>(null);
    }
}

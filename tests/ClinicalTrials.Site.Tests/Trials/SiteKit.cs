using System.Text.Json.Nodes;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Core.Merkle;
using ClinicalTrials.Ledger;
using ClinicalTrials.Ledger.Batching;
using ClinicalTrials.Ledger.Embedded;
using ClinicalTrials.Site.Answering;
using ClinicalTrials.Site.Consent;
using ClinicalTrials.Site.Enrollment;
using ClinicalTrials.Site.Randomization;
using ClinicalTrials.Site.Store;
using ClinicalTrials.Site.Tests.Support;
using ClinicalTrials.Site.Trials;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalTrials.Site.Tests.Trials;

/// <summary>
/// One site of an example trial with everything real: an in-memory store, the joined trial, an
/// embedded ledger (in a temp directory) on which a sponsor registered the trial and, unless told
/// otherwise, the site's key, and an anchor batcher acting as the site's account.
/// </summary>
public sealed class SiteKit : IAsyncDisposable
{
    public const string SponsorAccount = "sponsor:acme";

    private SiteKit(string trialName, string siteId, DirectoryInfo dir, FakeTimeProvider clock, EmbeddedLedger ledger, AnchorBatcher batcher, long seed, string? protocolText)
    {
        TrialName = trialName;
        SiteId = siteId;
        Dir = dir;
        Clock = clock;
        Ledger = ledger;
        Batcher = batcher;
        Store = SiteStore.InMemory();
        Trials = new SiteTrials(Store, siteId, Clock);
        var folder = ExampleTrials.Dir(trialName);
        Joined = Trials.Join(protocolText ?? File.ReadAllText(Path.Combine(folder, "protocol.json")), "protocol.json",
            File.ReadAllText(Path.Combine(folder, "sap.json")), "sap.json");
        Log = new BatcherEventLog(batcher);
        Pseudonyms = new ParticipantPseudonyms(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());
        var services = EnrollmentServices.Create(Store, Trials, Log, Pseudonyms, Clock, new SeededNonceSource(seed));
        (Journal, Consents, Randomization, Enrollment, Gate) = (services.Journal, services.Consents, services.Randomization, services.Enrollment, services.Gate);
    }

    public string TrialName { get; }
    public string SiteId { get; }
    public DirectoryInfo Dir { get; }
    public FakeTimeProvider Clock { get; }
    public EmbeddedLedger Ledger { get; }
    public AnchorBatcher Batcher { get; }
    public SiteStore Store { get; }
    public SiteTrials Trials { get; }
    public JoinedTrial Joined { get; }
    public string TrialId => Joined.TrialId;
    public BatcherEventLog Log { get; }
    public SiteEventJournal Journal { get; }
    public ParticipantPseudonyms Pseudonyms { get; }
    public TrialGate Gate { get; }
    public ConsentRegistry Consents { get; }
    public RandomizationService Randomization { get; }
    public EnrollmentService Enrollment { get; }
    public IAnchorLedger Sponsor => Ledger.ForAccount(SponsorAccount);
    public string SiteAccount => "site:" + SiteId;

    public static readonly DateTimeOffset Start = new(2026, 1, 10, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A kit for <paramref name="siteId"/> of trials/<paramref name="trialName"/>; the site's allocation seed comes from SeededNonceSource(<paramref name="seed"/>).</summary>
    public static async Task<SiteKit> CreateAsync(string trialName, string siteId, bool registerSiteKey = true, long seed = 42,
        Func<JsonObject, JsonObject>? editProtocol = null)
    {
        var dir = Directory.CreateTempSubdirectory("ct-site-");
        var clock = new FakeTimeProvider(Start);
        var ledger = EmbeddedLedger.Open(Path.Combine(dir.FullName, "ledger.jsonl"), TimeProvider.System);
        var batcher = await AnchorBatcher.OpenAsync(ledger.ForAccount("site:" + siteId), new AnchorBatcherOptions
        {
            Directory = Path.Combine(dir.FullName, "anchors"),
            MaxEvents = 10_000,
            MaxAge = TimeSpan.FromHours(1),
            RetryMinDelay = TimeSpan.FromSeconds(1),
            RetryMaxDelay = TimeSpan.FromSeconds(8),
            WriteBufferSize = 4096,
            NonceSources = () => new SeededNonceSource(seed + 1),
        }, clock);
        string? protocolText = null;
        if (editProtocol is not null)
        {
            var node = JsonNode.Parse(File.ReadAllText(Path.Combine(ExampleTrials.Dir(trialName), "protocol.json")))!.AsObject();
            protocolText = editProtocol(node).ToJsonString();
        }
        var kit = new SiteKit(trialName, siteId, dir, clock, ledger, batcher, seed, protocolText);
        await kit.Sponsor.RegisterTrialAsync(kit.TrialId, ContentHash.Parse(kit.Joined.ProtocolHash), ContentHash.Parse(kit.Joined.SapHash));
        if (registerSiteKey) await kit.RegisterSiteKeyAsync();
        return kit;
    }

    /// <summary>The sponsor registers the site's key with the site's anchoring account, and the batcher retries at once.</summary>
    public async Task RegisterSiteKeyAsync()
    {
        await Sponsor.RegisterSiteKeyAsync(TrialId, SiteId, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), SiteAccount);
        Batcher.RetryNow();
    }

    /// <summary>Consents and commits (confirmed), ready to enroll.</summary>
    public async Task<AllocationCommitment> ReadyAsync(params string[] consenting)
    {
        foreach (var p in consenting) Consents.Grant(TrialId, p);
        return await Randomization.CommitAsync(TrialId);
    }

    /// <summary>Rows of <paramref name="table"/> matching <paramref name="where"/>.</summary>
    public long Count(string table, string where = "TRUE")
    {
        using var c = Store.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM {table} WHERE {where}";
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    /// <summary>Adds readings straight into the store.</summary>
    public void Reading(string participant, string loinc, double value, string unit, DateTime at)
    {
        using var c = Store.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "INSERT INTO observations VALUES ($p, $l, $v, $u, $at, NULL, 'test', 0)";
        cmd.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter("p", participant));
        cmd.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter("l", loinc));
        cmd.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter("v", value));
        cmd.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter("u", unit));
        cmd.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter("at", at));
        cmd.ExecuteNonQuery();
    }

    /// <summary>A time on day <paramref name="day"/> relative to the UTC date of <see cref="Start"/>.</summary>
    public static DateTime OnDay(int day, double hour = 7) => Start.UtcDateTime.Date.AddDays(day).AddHours(hour);

    public async ValueTask DisposeAsync()
    {
        await Batcher.DisposeAsync();
        Store.Dispose();
        Ledger.Dispose();
        try { Dir.Delete(true); }
        catch (IOException) { /* best effort */ }
    }
}

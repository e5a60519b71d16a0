using System.Text.Json;
using ClinicalTrials.Contracts;
using ClinicalTrials.Core.Signing;
using ClinicalTrials.Site.Answering;
using ClinicalTrials.Site.Policy;
using ClinicalTrials.Site.Store;
using ClinicalTrials.Statistics;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Engine;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalTrials.Site.Tests.Support;

/// <summary>
/// A site analyst over the hypertension trial with an in-memory store, a fake registration and a
/// generated derived dataset, so the answering logic is tested apart from ingestion and derivation.
/// </summary>
public sealed class AnalystKit : IDisposable
{
    public const string SiteId = "chi-02";
    public const int SiteNumber = 2;

    public AnalystKit(int participants = 40, SitePolicy? policy = null, int seed = 7)
    {
        Trial = ExampleTrials.Join("hypertension", SiteNumber);
        Registration = new FakeRegistration { Hashes = new RegisteredHashes(Trial.ProtocolHash, Trial.SapHash, "fake ledger version 1") };
        Datasets = new FakeDatasets(Generate(participants, seed));
        Store = SiteStore.InMemory();
        Log = new QueryLog(Store);
        Key = SigningKey.Generate();
        Analyst = new SiteAnalyst(new SiteIdentity(SiteId, Key), policy ?? SitePolicy.Default, new FakeTrials(Trial),
            Registration, Datasets, Log, Clock);
    }

    public JoinedTrial Trial { get; }
    public FakeRegistration Registration { get; }
    public FakeDatasets Datasets { get; }
    public SiteStore Store { get; }
    public QueryLog Log { get; }
    public SigningKey Key { get; }
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    public SiteAnalyst Analyst { get; }

    /// <summary>A round-0 request for the SAP analysis <paramref name="analysisId"/> over sites 1..3.</summary>
    public AnalysisRequested Request(string analysisId, string runId = "run-1", Func<RoundRequest, RoundRequest>? edit = null)
    {
        var spec = Trial.Sap.Analyses.Single(a => a.Id == analysisId);
        var round = FederatedMethods.All.For(spec.Type).Start(spec, [1, 2, 3]);
        if (edit is not null) round = edit(round);
        return new AnalysisRequested
        {
            RequestId = Guid.NewGuid(),
            RunId = runId,
            TrialId = Trial.TrialId,
            SiteId = SiteId,
            SapHash = Trial.SapHash,
            AnalysisId = analysisId,
            Round = round.Round,
            RoundRequest = JsonSerializer.Serialize(round, StatsJson.Options),
        };
    }

    /// <summary>The statement inside a ready answer, after checking its signature against the site's key.</summary>
    public AggregateStatement VerifiedStatement(SiteAnswer answer)
    {
        Assert.Null(answer.Refused);
        var envelope = SignedEnvelope.FromJson(answer.Ready!.SignedStatement);
        var check = EnvelopeVerifier.Verify(envelope, new KeyRing([Key.PublicKey]));
        Assert.True(check.IsValid, check.Message);
        return JsonSerializer.Deserialize<AggregateStatement>(envelope.Payload)!;
    }

    /// <summary>
    /// Hypertension's derived columns for <paramref name="n"/> participants, alternating arms. Values are
    /// drawn from a seeded generator; tests compare against site steps run directly on the same table.
    /// </summary>
    public static SiteDataset Generate(int n, int seed)
    {
        var random = new Random(seed);
        var arm = new string?[n];
        var sex = new string?[n];
        double[] sbpBase = new double[n], sbpChange = new double[n], dbpBase = new double[n], dbpChange = new double[n],
            week12 = new double[n], responder = new double[n], age = new double[n];
        for (var i = 0; i < n; i++)
        {
            arm[i] = i % 2 == 0 ? "usual_care" : "telemonitoring";
            sex[i] = random.Next(2) == 0 ? "F" : "M";
            age[i] = 40 + random.Next(40);
            sbpBase[i] = 140 + random.Next(40);
            dbpBase[i] = 80 + random.Next(20);
            sbpChange[i] = (i % 2 == 0 ? -4 : -11) + random.Next(-10, 11);
            dbpChange[i] = (i % 2 == 0 ? -2 : -6) + random.Next(-6, 7);
            week12[i] = sbpBase[i] + sbpChange[i];
            responder[i] = sbpChange[i] <= -10 ? 1 : 0;
        }
        var table = new SiteTable(SiteNumber,
        [
            Column.FromStrings("arm", arm), Column.FromStrings("sex", sex), Column.FromNumbers("age", age),
            Column.FromNumbers("sbp_baseline", sbpBase), Column.FromNumbers("sbp_change", sbpChange),
            Column.FromNumbers("dbp_baseline", dbpBase), Column.FromNumbers("dbp_change", dbpChange),
            Column.FromNumbers("sbp_week12", week12), Column.FromNumbers("sbp_responder", responder),
        ]);
        return new SiteDataset(table, [.. Enumerable.Range(0, n).Select(i => $"P{i:000}")]);
    }

    public void Dispose()
    {
        Store.Dispose();
        Key.Dispose();
    }

    public sealed class FakeTrials(JoinedTrial trial) : IJoinedTrials
    {
        public JoinedTrial? Find(string trialId) => trialId == trial.TrialId ? trial : null;
    }

    public sealed class FakeRegistration : IRegistrationCheck
    {
        public RegisteredHashes? Hashes { get; set; }
        public Exception? Failure { get; set; }

        public Task<RegisteredHashes?> FindAsync(string trialId, CancellationToken cancellationToken = default) =>
            Failure is not null ? Task.FromException<RegisteredHashes?>(Failure) : Task.FromResult(Hashes);
    }

    public sealed class FakeDatasets(SiteDataset data) : ISiteDatasets
    {
        public SiteDataset Data { get; set; } = data;
        public int Derivations { get; private set; }

        public SiteDataset Derive(JoinedTrial trial, DateTimeOffset? cutoff)
        {
            Derivations++;
            return Data;
        }
    }
}

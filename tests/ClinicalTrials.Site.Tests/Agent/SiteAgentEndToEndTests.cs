using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Ledger.Embedded;
using ClinicalTrials.Site.Hosting;
using ClinicalTrials.Site.Tests.Support;

namespace ClinicalTrials.Site.Tests.Agent;

/// <summary>
/// A site run the way a data manager runs it, through the command line against an embedded ledger
/// the sponsor has registered the trial and the site's key on: init, ingest FHIR, join (allocation
/// list committed), consent, enroll, withdraw, status; then an analysis request answered from the
/// derived data with a signature that verifies against the key on the ledger.
/// </summary>
public sealed class SiteAgentEndToEndTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ct-e2e-").FullName;

    [Fact]
    public async Task A_site_goes_from_raw_FHIR_to_a_signed_aggregate()
    {
        var site = Path.Combine(_root, "chi");
        var ledgerPath = Path.Combine(_root, "ledger.jsonl");
        var trialDir = ExampleTrials.Dir("hypertension");
        var protocolText = File.ReadAllText(Path.Combine(trialDir, "protocol.json"));
        var sapText = File.ReadAllText(Path.Combine(trialDir, "sap.json"));

        Assert.Equal(0, (await Cli.RunAsync("init", "--site-dir", site, "--site-id", "chi-02", "--ledger", ledgerPath)).Code);
        var publicKey = SiteHome.Open(site).ReadPublicKey();
        using (var ledger = EmbeddedLedger.Open(ledgerPath, TimeProvider.System))
        {
            var sponsor = ledger.ForAccount("sponsor:acme");
            await sponsor.RegisterTrialAsync("HTN-HOME-001", ContentHash.OfJsonText(protocolText), ContentHash.OfJsonText(sapText));
            await sponsor.RegisterSiteKeyAsync("HTN-HOME-001", "chi-02", publicKey.ToRawBytes(), "site:chi-02");
        }

        // Eight participants with a home-BP baseline week (systolic 150, so eligible) and one with 130 (not).
        var now = DateTimeOffset.UtcNow;
        var fhir = new StringBuilder();
        for (var p = 1; p <= 9; p++)
        {
            fhir.AppendLine($$"""{"resourceType":"Patient","id":"P{{p}}","gender":"{{(p % 2 == 0 ? "male" : "female")}}","birthDate":"{{1950 + p}}-03-01"}""");
            for (var d = 1; d <= 6; d++)
            {
                var sys = p == 9 ? 130 : 148 + d;
                var at = now.AddDays(-d).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                fhir.AppendLine($$$"""{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},"subject":{"reference":"Patient/P{{{p}}}"},"effectiveDateTime":"{{{at}}}","component":[{"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":{{{sys}}},"system":"http://unitsofmeasure.org","code":"mm[Hg]"}},{"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":92,"system":"http://unitsofmeasure.org","code":"mm[Hg]"}}]}""");
            }
        }
        var export = Path.Combine(_root, "export.ndjson");
        File.WriteAllText(export, fhir.ToString());
        var ingest = await Cli.RunAsync("ingest", "--site-dir", site, "--json", export);
        Assert.Equal(0, ingest.Code);
        Assert.Equal(9 + 9 * 6 * 2, JsonNode.Parse(ingest.Out)!["loaded"]!.GetValue<int>());

        var join = await Cli.RunAsync("join", "--site-dir", site, "--protocol", Path.Combine(trialDir, "protocol.json"), "--sap", Path.Combine(trialDir, "sap.json"));
        Assert.True(join.Code == 0, join.Err);
        Assert.Contains("allocation list committed: sha256:", join.Out);

        for (var p = 1; p <= 9; p++)
        {
            var consent = await Cli.RunAsync("consent", "--site-dir", site, "--trial", "HTN-HOME-001", "--participant", $"P{p}");
            Assert.True(consent.Code == 0, consent.Err);
        }
        for (var p = 1; p <= 8; p++)
        {
            var enroll = await Cli.RunAsync("enroll", "--site-dir", site, "--trial", "HTN-HOME-001", "--participant", $"P{p}", "--confirm-criteria");
            Assert.True(enroll.Code == 0, enroll.Err);
            Assert.Contains("enrolled in HTN-HOME-001: arm ", enroll.Out);
        }
        var refused = await Cli.RunAsync("enroll", "--site-dir", site, "--trial", "HTN-HOME-001", "--participant", "P9", "--confirm-criteria");
        Assert.Equal(1, refused.Code);
        Assert.Contains("below the minimum 140", refused.Err);
        Assert.Equal(0, (await Cli.RunAsync("withdraw", "--site-dir", site, "--trial", "HTN-HOME-001", "--participant", "P8")).Code);

        var status = await Cli.RunAsync("status", "--site-dir", site, "--json");
        Assert.Equal(0, status.Code);
        var trial = JsonNode.Parse(status.Out)!["trials"]![0]!;
        Assert.Equal((8, 1, true), (trial["enrolled"]!.GetValue<int>(), trial["enrolled_withdrawn"]!.GetValue<int>(), trial["commitment_anchored"]!.GetValue<bool>()));
        Assert.Equal(8, trial["enrolled_by_arm"]!.AsObject().Sum(a => a.Value!.GetValue<int>()));

        // The site answers a registered analysis from its own derived data, signed with its own key.
        Core.Signing.SignedEnvelope envelope;
        await using (var runtime = await SiteRuntime.OpenAsync(SiteHome.Open(site), TimeProvider.System))
        {
            var spec = runtime.Trials.Find("HTN-HOME-001")!.Sap.Analyses.Single(a => a.Id == "sbp_baseline_by_arm");
            var round = Statistics.Engine.FederatedMethods.All.For(spec.Type).Start(spec, [2]);
            var answer = await runtime.Analyst.AnswerAsync(new Contracts.AnalysisRequested
            {
                RequestId = Guid.NewGuid(), RunId = "e2e", TrialId = "HTN-HOME-001", SiteId = "chi-02",
                SapHash = ContentHash.OfJsonText(sapText).ToString(), AnalysisId = spec.Id, Round = 0,
                RoundRequest = JsonSerializer.Serialize(round, Statistics.StatsJson.Options),
            });
            Assert.True(answer.Ready is not null, answer.Refused?.Reason);
            envelope = Core.Signing.SignedEnvelope.FromJson(answer.Ready.SignedStatement);
        }
        using (var ledger = EmbeddedLedger.Open(ledgerPath, TimeProvider.System))
        {
            var record = await ledger.ForAccount("auditor").GetTrialAsync("HTN-HOME-001");
            var registered = Core.Signing.VerificationKey.FromRaw(record!.SiteKeys.Single().PublicKey);
            var check = Core.Signing.EnvelopeVerifier.Verify(envelope, new Core.Signing.KeyRing([registered]));
            Assert.True(check.IsValid, check.Message);
            var statement = JsonNode.Parse(envelope.Payload)!;
            Assert.Equal(7, statement["aggregate"]!["overall"]!["n"]!.GetValue<int>());
            var anchors = await ledger.ForAccount("auditor").ListAnchorsAsync("HTN-HOME-001");
            Assert.Contains(anchors, a => a.Kind == Ledger.AnchorKind.RandomizationCommitment);
            Assert.Contains(anchors, a => a.Kind == Ledger.AnchorKind.ConsentBatch);
            Assert.Contains(anchors, a => a.Kind == Ledger.AnchorKind.EnrollmentBatch);
        }
    }

    public void Dispose() => Directory.Delete(_root, true);
}

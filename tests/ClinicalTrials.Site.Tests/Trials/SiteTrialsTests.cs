using System.Text.Json.Nodes;
using ClinicalTrials.Site.Store;
using ClinicalTrials.Site.Tests.Support;
using ClinicalTrials.Site.Trials;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalTrials.Site.Tests.Trials;

public sealed class SiteTrialsTests
{
    private static string Text(string trial, string file) => File.ReadAllText(Path.Combine(ExampleTrials.Dir(trial), file));

    private static string Edited(string trial, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(Text(trial, "protocol.json"))!.AsObject();
        edit(node);
        return node.ToJsonString();
    }

    [Fact]
    public void Joining_stores_the_documents_with_their_canonical_hashes_and_reads_them_back()
    {
        using var store = SiteStore.InMemory();
        var trials = new SiteTrials(store, "atl-03", new FakeTimeProvider(SiteKit.Start));
        var joined = trials.Join(Text("hypertension", "protocol.json"), "protocol.json", Text("hypertension", "sap.json"), "sap.json");

        // sha256 of json.dumps(json.load(f), sort_keys=True, separators=(",", ":"), ensure_ascii=False), by Python.
        const string ProtocolHash = "sha256:d41e021308cb9aaaae33b86312466df98417ec1e97e63a4e5522bf3b67478dc5";
        const string SapHash = "sha256:6d6a6028947f3cd134c54335ee9dd268d1fd04743c167f4661670778f48a955b";
        Assert.Equal((ProtocolHash, SapHash, 3), (joined.ProtocolHash, joined.SapHash, joined.SiteNumber));

        var found = trials.Find("HTN-HOME-001")!;
        Assert.Equal((ProtocolHash, SapHash, 3), (found.ProtocolHash, found.SapHash, found.SiteNumber));
        Assert.Equal("HTN-HOME-001", found.Protocol.TrialId);
        Assert.Equal(found.Protocol.PlannedSampleSize, joined.Protocol.PlannedSampleSize);
        Assert.Equal("HTN-HOME-001", found.Sap.TrialId);

        // The same documents written differently are the same documents: no new version.
        var reformatted = JsonNode.Parse(Text("hypertension", "protocol.json"))!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = false });
        Assert.Equal(ProtocolHash, trials.Join(reformatted, "p.json", Text("hypertension", "sap.json"), "sap.json").ProtocolHash);
        Assert.Empty(trials.History("HTN-HOME-001"));
        Assert.Null(trials.Find("NOPE"));
    }

    [Fact]
    public void A_site_not_in_the_protocol_cannot_join()
    {
        using var store = SiteStore.InMemory();
        var trials = new SiteTrials(store, "xyz-99", TimeProvider.System);
        var e = Assert.Throws<TrialJoinException>(() => trials.Join(Text("hypertension", "protocol.json"), "protocol.json", Text("hypertension", "sap.json"), "sap.json"));
        Assert.Equal("protocol.json: site 'xyz-99' is not among the protocol's sites (bos-01, chi-02, atl-03, den-04, sea-05)", e.Message);
    }

    [Fact]
    public void An_amendment_replaces_the_documents_and_keeps_the_old_version()
    {
        using var store = SiteStore.InMemory();
        var clock = new FakeTimeProvider(SiteKit.Start);
        var trials = new SiteTrials(store, "atl-03", clock);
        var first = trials.Join(Text("hypertension", "protocol.json"), "protocol.json", Text("hypertension", "sap.json"), "sap.json");
        clock.Advance(TimeSpan.FromDays(30));
        var amended = trials.Join(Edited("hypertension", p => p["randomization"]!["block_sizes"] = new JsonArray(2, 4)), "protocol-v2.json",
            Text("hypertension", "sap.json"), "sap.json");

        Assert.NotEqual(first.ProtocolHash, amended.ProtocolHash);
        Assert.Equal([2, 4], trials.Find("HTN-HOME-001")!.Protocol.Randomization.BlockSizes.ToArray());
        var old = Assert.Single(trials.History("HTN-HOME-001"));
        Assert.Equal((first.ProtocolHash, SiteKit.Start.UtcDateTime, SiteKit.Start.UtcDateTime.AddDays(30)), (old.ProtocolHash, old.JoinedAt, old.ReplacedAt));
    }

    [Fact]
    public async Task Once_the_allocation_list_is_committed_the_randomization_may_not_change()
    {
        await using var kit = await SiteKit.CreateAsync("hypertension", "chi-02");
        var sap = Text("hypertension", "sap.json");
        await kit.Randomization.CommitAsync(kit.TrialId);

        var e = Assert.Throws<TrialJoinException>(() => kit.Trials.Join(
            Edited("hypertension", p => p["randomization"]!["block_sizes"] = new JsonArray(2, 4)), "protocol-v2.json", sap, "sap.json"));
        Assert.StartsWith("protocol-v2.json: the amendment changes the arms, the planned sample size or the randomization of 'HTN-HOME-001' after this site committed its allocation list", e.Message);
        Assert.Throws<TrialJoinException>(() => kit.Trials.Join(Edited("hypertension", p => p["planned_sample_size"] = 400), "protocol-v2.json", sap, "sap.json"));

        // Other amendments still go through.
        var retitled = kit.Trials.Join(Edited("hypertension", p => p["title"] = "Home BP telemonitoring (amended title)"), "protocol-v2.json", sap, "sap.json");
        Assert.Equal("Home BP telemonitoring (amended title)", kit.Trials.Find(kit.TrialId)!.Protocol.Title);
        Assert.NotEqual(kit.Joined.ProtocolHash, retitled.ProtocolHash);

        kit.Consents.Grant(kit.TrialId, "P-001");
        for (var d = -5; d <= 0; d++) kit.Reading("P-001", "8480-6", 150, "mm[Hg]", SiteKit.OnDay(d));
        Assert.True((await kit.Enrollment.EnrollAsync(kit.TrialId, "P-001", new() { Age = 50, Sex = "M", InvestigatorConfirmed = true })).IsEnrolled);
        var after = Assert.Throws<TrialJoinException>(() => kit.Trials.Join(
            Edited("hypertension", p => p["randomization"]!["block_sizes"] = new JsonArray(2, 4)), "protocol-v3.json", sap, "sap.json"));
        Assert.Contains("after 1 participant(s) were randomized here", after.Message);
    }
}

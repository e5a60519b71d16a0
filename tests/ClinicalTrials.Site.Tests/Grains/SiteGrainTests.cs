using ClinicalTrials.Site.Grains;
using ClinicalTrials.Site.Policy;
using ClinicalTrials.Site.Tests.Support;

namespace ClinicalTrials.Site.Tests.Grains;

[Collection(SiteClusterCollection.Name)]
public sealed class SiteGrainTests(SiteClusterFixture fixture)
{
    private AnalystKit Kit => fixture.Kit;

    [Fact]
    public async Task The_grain_of_a_trial_at_a_site_answers_with_a_signed_aggregate()
    {
        var request = Kit.Request("sbp_change_by_arm", runId: "grain-" + Guid.NewGuid());
        var grain = fixture.Cluster.Client.GetGrain<ISiteGrain>(SiteGrainKey.For(AnalystKit.SiteId, Kit.Trial.TrialId));

        var answer = await grain.AnswerAsync(request);

        var statement = Kit.VerifiedStatement(answer);
        Assert.Equal((request.RequestId, "sbp_change_by_arm"), (statement.RequestId, statement.AnalysisId));
    }

    [Fact]
    public async Task Concurrent_requests_to_one_grain_are_answered_one_at_a_time_and_each_once()
    {
        var grain = fixture.Cluster.Client.GetGrain<ISiteGrain>(SiteGrainKey.For(AnalystKit.SiteId, Kit.Trial.TrialId));
        var run = "grain-" + Guid.NewGuid();
        var requests = Enumerable.Range(0, 8).Select(_ => Kit.Request("sbp_ancova", runId: run)).ToList();

        // Each request twice, all at once: duplicates must get the very same signed statement.
        var answers = await Task.WhenAll(requests.Concat(requests).Select(grain.AnswerAsync));

        for (var i = 0; i < requests.Count; i++)
            Assert.Equal(answers[i].Ready!.SignedStatement, answers[i + requests.Count].Ready!.SignedStatement);
        Assert.Equal(requests.Count, Kit.Log.List().Count(q => q.RunId == run));
    }

    [Fact]
    public async Task A_request_sent_to_the_grain_of_another_trial_is_rejected()
    {
        var request = Kit.Request("sbp_ancova");
        var grain = fixture.Cluster.Client.GetGrain<ISiteGrain>(SiteGrainKey.For(AnalystKit.SiteId, "OTHER-1"));
        var e = await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.AnswerAsync(request));
        Assert.Contains("sent to grain chi-02/OTHER-1", e.Message);
    }

    [Fact]
    public async Task A_refusal_travels_through_the_grain_with_its_reason()
    {
        var request = Kit.Request("sbp_ancova") with { AnalysisId = "not_in_sap" };
        var grain = fixture.Cluster.Client.GetGrain<ISiteGrain>(SiteGrainKey.For(AnalystKit.SiteId, Kit.Trial.TrialId));
        var answer = await grain.AnswerAsync(request);
        Assert.Equal(RefusalRule.AnalysisNotInSap, answer.Refused!.Rule);
        Assert.Contains("not_in_sap", answer.Refused.Reason);
    }
}

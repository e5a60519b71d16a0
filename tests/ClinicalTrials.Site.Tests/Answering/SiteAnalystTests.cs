using System.Text.Json;
using ClinicalTrials.Core.Canonical;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Site.Answering;
using ClinicalTrials.Site.Policy;
using ClinicalTrials.Site.Tests.Support;
using ClinicalTrials.Statistics;
using ClinicalTrials.Statistics.Engine;

namespace ClinicalTrials.Site.Tests.Answering;

public sealed class SiteAnalystTests
{
    [Fact]
    public async Task Answers_with_the_site_step_signed_and_bound_to_the_request()
    {
        using var kit = new AnalystKit();
        var request = kit.Request("sbp_change_by_arm");

        var answer = await kit.Analyst.AnswerAsync(request);

        var statement = kit.VerifiedStatement(answer);
        var round = JsonSerializer.Deserialize<RoundRequest>(request.RoundRequest, StatsJson.Options)!;
        var direct = FederatedMethods.All.For("describe").SiteStep(kit.Datasets.Data.Table, round, DisclosureRules.Default);
        // The signed payload is canonical JSON (keys sorted); compare canonical forms.
        Assert.Equal(CanonicalJson.Canonicalize(direct), CanonicalJson.Canonicalize(statement.Aggregate));
        Assert.Equal((kit.Trial.TrialId, AnalystKit.SiteId, AnalystKit.SiteNumber, kit.Trial.SapHash, "run-1", request.RequestId, "sbp_change_by_arm", 0),
            (statement.TrialId, statement.SiteId, statement.Site, statement.SapHash, statement.RunId, statement.RequestId, statement.AnalysisId, statement.Round));
        Assert.Equal(ContentHash.OfJsonText(request.RoundRequest).ToString(), statement.RequestHash);
        Assert.Equal(kit.Clock.GetUtcNow(), statement.ComputedAt);
        var logged = Assert.Single(kit.Log.List());
        Assert.Equal((QueryLog.Answered, 40), (logged.Outcome, logged.SubsetSize));
    }

    [Fact]
    public async Task A_duplicate_request_gets_the_same_answer_and_is_logged_once()
    {
        using var kit = new AnalystKit();
        var request = kit.Request("sbp_ancova");

        var first = await kit.Analyst.AnswerAsync(request);
        kit.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await kit.Analyst.AnswerAsync(request);

        Assert.Equal(first.Ready!.SignedStatement, second.Ready!.SignedStatement);
        Assert.Single(kit.Log.List());
    }

    [Fact]
    public async Task A_duplicate_of_a_refused_request_is_refused_the_same_way()
    {
        using var kit = new AnalystKit();
        kit.Registration.Hashes = null;
        var request = kit.Request("sbp_ancova");

        var first = await kit.Analyst.AnswerAsync(request);
        kit.Registration.Hashes = new RegisteredHashes(kit.Trial.ProtocolHash, kit.Trial.SapHash, "now registered");
        var second = await kit.Analyst.AnswerAsync(request);

        Assert.Equal(first.Refused, second.Refused);
    }

    [Fact]
    public async Task Refuses_a_request_for_another_site()
    {
        using var kit = new AnalystKit();
        var refused = await Refused(kit, kit.Request("sbp_ancova") with { SiteId = "bos-01" }, RefusalRule.WrongSite);
        Assert.Contains("addressed to site 'bos-01', this is site 'chi-02'", refused.Reason);
    }

    [Fact]
    public async Task Refuses_a_round_that_leaves_this_site_out()
    {
        using var kit = new AnalystKit();
        var request = kit.Request("sbp_ancova", edit: r => r with { Sites = [1, 3] });
        var refused = await Refused(kit, request, RefusalRule.WrongSite);
        Assert.Contains("round 0 is for sites 1, 3, not this site (2)", refused.Reason);
    }

    [Fact]
    public async Task Refuses_a_trial_the_site_has_not_joined()
    {
        using var kit = new AnalystKit();
        var refused = await Refused(kit, kit.Request("sbp_ancova") with { TrialId = "OTHER-9" }, RefusalRule.UnknownTrial);
        Assert.Contains("has not joined trial 'OTHER-9'", refused.Reason);
    }

    [Fact]
    public async Task Refuses_a_SAP_other_than_the_one_joined()
    {
        using var kit = new AnalystKit();
        var other = ContentHash.OfJsonText("{\"edited\":true}").ToString();
        var refused = await Refused(kit, kit.Request("sbp_ancova") with { SapHash = other }, RefusalRule.SapNotRegistered);
        Assert.Contains(other, refused.Reason);
        Assert.Contains(kit.Trial.SapHash, refused.Reason);
    }

    [Fact]
    public async Task Refuses_when_the_trial_is_not_registered_on_the_ledger()
    {
        using var kit = new AnalystKit();
        kit.Registration.Hashes = null;
        var refused = await Refused(kit, kit.Request("sbp_ancova"), RefusalRule.TrialNotRegistered);
        Assert.Contains("HTN-HOME-001' is not registered on the ledger", refused.Reason);
    }

    [Fact]
    public async Task Refuses_when_the_ledger_registers_another_SAP()
    {
        using var kit = new AnalystKit();
        var amended = ContentHash.OfJsonText("{\"amended\":1}").ToString();
        kit.Registration.Hashes = new RegisteredHashes(kit.Trial.ProtocolHash, amended, "fake ledger version 2");
        var refused = await Refused(kit, kit.Request("sbp_ancova"), RefusalRule.SapNotRegistered);
        Assert.Contains($"is not the registered one ({amended}, fake ledger version 2)", refused.Reason);
    }

    [Fact]
    public async Task Refuses_when_the_joined_protocol_is_not_the_registered_one()
    {
        using var kit = new AnalystKit();
        var other = ContentHash.OfJsonText("{\"protocol\":2}").ToString();
        kit.Registration.Hashes = new RegisteredHashes(other, kit.Trial.SapHash, "fake ledger version 2");
        var refused = await Refused(kit, kit.Request("sbp_ancova"), RefusalRule.SapNotRegistered);
        Assert.Contains("the protocol this site joined", refused.Reason);
    }

    [Fact]
    public async Task Refuses_when_the_ledger_cannot_be_read_and_says_so()
    {
        using var kit = new AnalystKit();
        kit.Registration.Failure = new ClinicalTrials.Ledger.LedgerUnavailableException("node at http://127.0.0.1:1 refused the connection");
        var refused = await Refused(kit, kit.Request("sbp_ancova"), RefusalRule.TrialNotRegistered);
        Assert.Contains("ledger could not be read", refused.Reason);
        Assert.Contains("refused the connection", refused.Reason);
    }

    [Fact]
    public async Task Refuses_an_analysis_that_is_not_in_the_SAP()
    {
        using var kit = new AnalystKit();
        var request = kit.Request("sbp_ancova");
        var refused = await Refused(kit, request with { AnalysisId = "fishing_expedition" }, RefusalRule.AnalysisNotInSap);
        Assert.Contains("'fishing_expedition' is not in the registered SAP", refused.Reason);
    }

    [Fact]
    public async Task Refuses_an_analysis_that_differs_from_the_registered_one_with_the_same_id()
    {
        using var kit = new AnalystKit();
        var registered = (ClinicalTrials.Core.Sap.DescribeSpec)kit.Trial.Sap.Analyses.Single(a => a.Id == "age_by_arm");
        var request = kit.Request("age_by_arm", edit: r => r with { Spec = registered with { Variable = "sbp_baseline" } });
        var refused = await Refused(kit, request, RefusalRule.AnalysisNotInSap);
        Assert.Contains("differs from the registered SAP's analysis", refused.Reason);
    }

    [Fact]
    public async Task Refuses_an_unreadable_round_request()
    {
        using var kit = new AnalystKit();
        var refused = await Refused(kit, kit.Request("sbp_ancova") with { RoundRequest = "{\"spec\": 12" }, RefusalRule.MalformedRequest);
        Assert.Contains("not readable", refused.Reason);
    }

    [Fact]
    public async Task Refuses_a_message_whose_round_disagrees_with_its_round_request()
    {
        using var kit = new AnalystKit();
        var refused = await Refused(kit, kit.Request("sbp_ancova") with { Round = 3 }, RefusalRule.MalformedRequest);
        Assert.Contains("round 3", refused.Reason);
    }

    [Fact]
    public async Task Refuses_a_statistic_on_fewer_rows_than_the_min_subset()
    {
        using var kit = new AnalystKit(participants: 4);
        var refused = await Refused(kit, kit.Request("sbp_change_by_arm"), DisclosureRule.MinSubsetSize);
        Assert.Contains("3", refused.Reason);
    }

    [Fact]
    public async Task Refuses_a_saturated_model()
    {
        using var kit = new AnalystKit(participants: 8);
        var refused = await Refused(kit, kit.Request("sbp_ancova"), DisclosureRule.MaxParameterRatio);
        Assert.Contains("0.33", refused.Reason);
    }

    [Fact]
    public async Task The_site_policy_decides_not_the_requester()
    {
        using var strict = new AnalystKit(policy: new SitePolicy { Disclosure = DisclosureRules.Default with { MinSubsetSize = 25 } });
        using var lenient = new AnalystKit(policy: new SitePolicy { Disclosure = DisclosureRules.Default with { MinSubsetSize = 10 } });

        await Refused(strict, strict.Request("sbp_change_by_arm"), DisclosureRule.MinSubsetSize);
        Assert.Null((await lenient.Analyst.AnswerAsync(lenient.Request("sbp_change_by_arm"))).Refused);
    }

    [Fact]
    public async Task Refuses_differencing_against_an_earlier_run_and_names_it()
    {
        using var kit = new AnalystKit();
        var first = kit.Request("age_by_arm", runId: "interim-1");
        await kit.Analyst.AnswerAsync(first);

        // One participant more leaves the dataset: the two answers together would give away their age.
        var full = kit.Datasets.Data;
        kit.Datasets.Data = Without(full, 5);
        var refused = await Refused(kit, kit.Request("age_by_arm", runId: "interim-2"), RefusalRule.Differencing);
        Assert.Contains("its 39 participants differ from the 40 of earlier request " + first.RequestId, refused.Reason);
        Assert.Contains("by 1, fewer than the minimum difference of 3", refused.Reason);

        // The same participants again, or a difference of at least the minimum, are fine.
        kit.Datasets.Data = full;
        Assert.Null((await kit.Analyst.AnswerAsync(kit.Request("age_by_arm", runId: "final"))).Refused);
        kit.Datasets.Data = Without(full, 1, 2, 3);
        Assert.Null((await kit.Analyst.AnswerAsync(kit.Request("age_by_arm", runId: "sensitivity"))).Refused);
    }

    [Fact]
    public async Task Differencing_can_be_switched_off_by_the_site()
    {
        using var kit = new AnalystKit(policy: SitePolicy.Default with { RefuseDifferencing = false });
        await kit.Analyst.AnswerAsync(kit.Request("age_by_arm", runId: "a"));
        kit.Datasets.Data = Without(kit.Datasets.Data, 5);
        Assert.Null((await kit.Analyst.AnswerAsync(kit.Request("age_by_arm", runId: "b"))).Refused);
    }

    [Fact]
    public async Task Rounds_of_one_run_derive_the_dataset_once()
    {
        using var kit = new AnalystKit();
        await kit.Analyst.AnswerAsync(kit.Request("sbp_ancova", runId: "r"));
        await kit.Analyst.AnswerAsync(kit.Request("sbp_ancova", runId: "r"));
        Assert.Equal(1, kit.Datasets.Derivations);
        await kit.Analyst.AnswerAsync(kit.Request("sbp_ancova", runId: "r2"));
        Assert.Equal(2, kit.Datasets.Derivations);
    }

    [Fact]
    public async Task Every_refusal_is_logged_with_its_rule_and_reason()
    {
        using var kit = new AnalystKit();
        kit.Registration.Hashes = null;
        await kit.Analyst.AnswerAsync(kit.Request("sbp_ancova"));
        var logged = Assert.Single(kit.Log.List(kit.Trial.TrialId));
        Assert.Equal((QueryLog.Refused, RefusalRule.TrialNotRegistered, (int?)null), (logged.Outcome, logged.Rule, logged.SubsetSize));
        Assert.Contains("not registered", logged.Reason);
    }

    private static async Task<ClinicalTrials.Contracts.AnalysisRefused> Refused(AnalystKit kit, ClinicalTrials.Contracts.AnalysisRequested request, string rule)
    {
        var answer = await kit.Analyst.AnswerAsync(request);
        Assert.Null(answer.Ready);
        Assert.NotNull(answer.Refused);
        Assert.Equal(rule, answer.Refused.Rule);
        Assert.Equal((request.RequestId, AnalystKit.SiteId), (answer.Refused.RequestId, answer.Refused.SiteId));
        return answer.Refused;
    }

    private static SiteDataset Without(SiteDataset data, params int[] rows)
    {
        var keep = Enumerable.Range(0, data.Table.RowCount).Except(rows).ToArray();
        var columns = data.Table.ColumnNames.Where(n => n != "site").Select(n =>
        {
            var c = data.Table[n];
            return c.IsNumeric
                ? Statistics.Data.Column.FromNumbers(n, [.. keep.Select(c.Number)])
                : Statistics.Data.Column.FromStrings(n, [.. keep.Select(c.Key)]);
        });
        return new SiteDataset(new Statistics.Data.SiteTable(data.Table.Site, columns), [.. keep.Select(i => data.ParticipantIds[i])]);
    }
}

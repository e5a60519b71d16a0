using ClinicalTrials.Contracts;
using ClinicalTrials.Site.Hosting;
using ClinicalTrials.Site.Messaging;
using ClinicalTrials.Site.Policy;
using ClinicalTrials.Site.Tests.Support;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalTrials.Site.Tests.Messaging;

[Collection(SiteClusterCollection.Name)]
public sealed class AnalysisRequestedConsumerTests(SiteClusterFixture fixture)
{
    private AnalystKit Kit => fixture.Kit;

    [Fact]
    public async Task A_request_on_the_bus_is_answered_with_a_published_signed_aggregate()
    {
        await using var provider = Provider();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var request = Kit.Request("sbp_change_by_arm", runId: "bus-" + Guid.NewGuid());

        await harness.Bus.Publish(request);

        Assert.True(await harness.Consumed.Any<AnalysisRequested>(x => x.Context.Message.RequestId == request.RequestId));
        var published = harness.Published.Select<SiteAggregateReady>(x => x.Context.Message.RequestId == request.RequestId).Single();
        var statement = Kit.VerifiedStatement(new() { Ready = published.Context.Message });
        Assert.Equal(request.RunId, statement.RunId);
    }

    [Fact]
    public async Task A_requester_waiting_for_a_response_gets_the_refusal_with_its_reason()
    {
        await using var provider = Provider();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var client = harness.GetRequestClient<AnalysisRequested>();
        var request = Kit.Request("sbp_ancova") with { SapHash = "sha256:" + new string('0', 64) };

        var response = await client.GetResponse<SiteAggregateReady, AnalysisRefused>(request);

        Assert.True(response.Is(out Response<AnalysisRefused>? refused));
        Assert.Equal(RefusalRule.SapNotRegistered, refused!.Message.Rule);
        Assert.False(await harness.Published.Any<SiteAggregateReady>(x => x.Context.Message.RequestId == request.RequestId));
    }

    [Fact]
    public async Task A_request_for_a_site_this_agent_does_not_serve_is_refused_not_dropped()
    {
        await using var provider = Provider();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var request = Kit.Request("sbp_ancova") with { SiteId = "sea-05" };

        await harness.Bus.Publish(request);

        Assert.True(await harness.Published.Any<AnalysisRefused>(x => x.Context.Message.RequestId == request.RequestId));
        var refused = harness.Published.Select<AnalysisRefused>(x => x.Context.Message.RequestId == request.RequestId).Single().Context.Message;
        Assert.Equal(RefusalRule.WrongSite, refused.Rule);
        Assert.Contains("this agent serves chi-02, not site 'sea-05'", refused.Reason);
    }

    private ServiceProvider Provider() => new ServiceCollection()
        .AddSingleton<IGrainFactory>(fixture.Cluster.Client)
        .AddSingleton(new HostedSites([new HostedSite(AnalystKit.SiteId, Kit.Store, Kit.Analyst)]))
        .AddMassTransitTestHarness(x => x.AddConsumer<AnalysisRequestedConsumer, AnalysisRequestedConsumerDefinition>())
        .BuildServiceProvider(true);
}

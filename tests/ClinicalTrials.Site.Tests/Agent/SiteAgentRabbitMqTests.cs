using System.Net;
using System.Net.Sockets;
using ClinicalTrials.Contracts;
using ClinicalTrials.Site.Hosting;
using ClinicalTrials.Site.Policy;
using ClinicalTrials.Site.Tests.Support;
using ClinicalTrials.SiteAgent;
using ClinicalTrials.Tests.Shared;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClinicalTrials.Site.Tests.Agent;

/// <summary>The site agent host over a real RabbitMQ broker: the coordinator's side is a plain bus sending to the site's queue.</summary>
public sealed class SiteAgentRabbitMqTests(SiteAgentRabbitMqTests.AgentOverRabbitMq agent) : IClassFixture<SiteAgentRabbitMqTests.AgentOverRabbitMq>
{
    private AnalystKit Kit => agent.Kit;
    private IBusControl Coordinator => agent.Coordinator;

    [Fact]
    public async Task A_request_sent_to_the_site_queue_is_answered_with_a_signed_aggregate()
    {
        var client = Coordinator.CreateRequestClient<AnalysisRequested>(SiteEndpoints.Address(AnalystKit.SiteId), RequestTimeout.After(s: 60));
        var request = Kit.Request("sbp_ancova", runId: "rabbit-1");

        var response = await client.GetResponse<SiteAggregateReady, AnalysisRefused>(request);

        Assert.True(response.Is(out Response<SiteAggregateReady>? ready), response.Message is AnalysisRefused r ? r.Reason : "");
        var statement = Kit.VerifiedStatement(new() { Ready = ready!.Message });
        Assert.Equal(("rabbit-1", "sbp_ancova"), (statement.RunId, statement.AnalysisId));
    }

    [Fact]
    public async Task A_refusal_comes_back_over_the_broker_with_its_reason()
    {
        var client = Coordinator.CreateRequestClient<AnalysisRequested>(SiteEndpoints.Address(AnalystKit.SiteId), RequestTimeout.After(s: 60));
        var request = Kit.Request("sbp_ancova") with { AnalysisId = "unregistered_subgroup" };

        var response = await client.GetResponse<SiteAggregateReady, AnalysisRefused>(request);

        Assert.True(response.Is(out Response<AnalysisRefused>? refused));
        Assert.Equal(RefusalRule.AnalysisNotInSap, refused!.Message.Rule);
    }

    public sealed class AgentOverRabbitMq : IAsyncLifetime
    {
        private LocalRabbitMq _rabbit = null!;
        private IHost _agent = null!;

        public AnalystKit Kit { get; private set; } = null!;

        public IBusControl Coordinator { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _rabbit = await LocalRabbitMq.StartAsync(TimeSpan.FromSeconds(90));
            Kit = new AnalystKit();
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddSiteAgentServices(new SiteAgentOptions { RabbitMq = _rabbit.Uri, SiloPort = FreePort(), GatewayPort = FreePort() },
                new HostedSites([new HostedSite(AnalystKit.SiteId, Kit.Store, Kit.Analyst)]));
            _agent = builder.Build();
            await _agent.StartAsync();
            Coordinator = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(_rabbit.Uri));
            await Coordinator.StartAsync();
        }

        public async Task DisposeAsync()
        {
            if (Coordinator is not null) await Coordinator.StopAsync();
            if (_agent is not null)
            {
                await _agent.StopAsync();
                _agent.Dispose();
            }
            Kit?.Dispose();
            _rabbit?.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

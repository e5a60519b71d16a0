using ClinicalTrials.Site.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace ClinicalTrials.Site.Tests.Support;

/// <summary>One in-process Orleans cluster for the assembly, hosting site <see cref="AnalystKit.SiteId"/>.</summary>
public sealed class SiteClusterFixture : IAsyncLifetime
{
    public AnalystKit Kit { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var sites = new HostedSites([new HostedSite(AnalystKit.SiteId, Kit.Store, Kit.Analyst)]);
        var builder = new InProcessTestClusterBuilder();
        builder.ConfigureSilo((_, silo) => silo.Services.AddSingleton(sites));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Kit.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SiteClusterCollection : ICollectionFixture<SiteClusterFixture>
{
    public const string Name = "site cluster";
}

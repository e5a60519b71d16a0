using ClinicalTrials.Site.Hosting;
using ClinicalTrials.Site.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ClinicalTrials.SiteAgent;

/// <summary>The site agent's registrations: an Orleans silo hosting the sites' grains, and the bus.</summary>
public static class SiteAgentServices
{
    /// <summary>Adds the silo, the hosted sites and the bus with one queue per site.</summary>
    public static IHostApplicationBuilder AddSiteAgentServices(this IHostApplicationBuilder builder, SiteAgentOptions options, HostedSites sites)
    {
        builder.Services.AddSingleton(sites);
        builder.UseOrleans(silo => silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort,
            serviceId: "clinicaltrials-site-agent", clusterId: "site-agent-" + string.Join("-", sites.SiteIds)));
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddSiteConsumers();
            if (options.RabbitMq is { } uri)
            {
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(uri);
                    cfg.ConfigureSiteEndpoints(context, sites);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) => cfg.ConfigureSiteEndpoints(context, sites));
            }
        });
        return builder;
    }
}

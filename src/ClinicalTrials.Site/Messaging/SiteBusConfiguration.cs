using ClinicalTrials.Contracts;
using ClinicalTrials.Site.Hosting;
using MassTransit;

namespace ClinicalTrials.Site.Messaging;

/// <summary>
/// Wiring of a site agent onto a bus (RabbitMQ, or in-memory when embedded): one receive endpoint
/// per hosted site, named <see cref="SiteEndpoints.QueueName"/>, that only takes messages sent to it —
/// no exchange bindings, so a published request never reaches a site's queue and each site
/// organisation's broker user needs read access to its own queue only.
/// </summary>
public static class SiteBusConfiguration
{
    /// <summary>Registers the site consumers (kept out of <c>ConfigureEndpoints</c>: sites get their own queues).</summary>
    public static void AddSiteConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<AnalysisRequestedConsumer, AnalysisRequestedConsumerDefinition>().ExcludeFromConfigureEndpoints();

    /// <summary>Adds a receive endpoint for every hosted site.</summary>
    public static void ConfigureSiteEndpoints(this IBusFactoryConfigurator bus, IBusRegistrationContext context, HostedSites sites)
    {
        foreach (var siteId in sites.SiteIds)
        {
            bus.ReceiveEndpoint(SiteEndpoints.QueueName(siteId), endpoint =>
            {
                endpoint.ConfigureConsumeTopology = false;
                endpoint.ConfigureConsumer<AnalysisRequestedConsumer>(context);
            });
        }
    }
}

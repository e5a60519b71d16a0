using MassTransit;

namespace ClinicalTrials.Site.Messaging;

/// <summary>
/// Retry and concurrency for <see cref="AnalysisRequestedConsumer"/>. Refusals and analysis errors
/// are answers, not exceptions; what reaches the retry policy is infrastructure (a silo restarting,
/// a locked database), worth a few spaced retries before the message goes to the error queue.
/// </summary>
public sealed class AnalysisRequestedConsumerDefinition : ConsumerDefinition<AnalysisRequestedConsumer>
{
    /// <summary>Limits concurrent requests per endpoint: each one may derive a dataset.</summary>
    public AnalysisRequestedConsumerDefinition() => ConcurrentMessageLimit = Math.Max(2, Environment.ProcessorCount);

    /// <inheritdoc />
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<AnalysisRequestedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)));
    }
}

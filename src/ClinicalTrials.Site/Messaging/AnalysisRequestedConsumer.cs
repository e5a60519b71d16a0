using ClinicalTrials.Contracts;
using ClinicalTrials.Site.Grains;
using ClinicalTrials.Site.Hosting;
using MassTransit;

namespace ClinicalTrials.Site.Messaging;

/// <summary>
/// Takes an <see cref="AnalysisRequested"/> off the site's queue, has the trial's
/// <see cref="ISiteGrain"/> answer it, and sends the answer back: as the response when the
/// requester asked for one, else published (<see cref="SiteAggregateReady"/> or <see cref="AnalysisRefused"/>).
/// </summary>
public sealed class AnalysisRequestedConsumer(IGrainFactory grains, HostedSites sites) : IConsumer<AnalysisRequested>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<AnalysisRequested> context)
    {
        var request = context.Message;
        object reply;
        if (sites.Find(request.SiteId) is null)
        {
            // A request routed to an agent that does not serve the site: say so rather than drop it.
            reply = request.Refusal(request.SiteId, Policy.RefusalRule.WrongSite,
                $"this agent serves {string.Join(", ", sites.SiteIds)}, not site '{request.SiteId}'");
        }
        else
        {
            var answer = await grains.GetGrain<ISiteGrain>(SiteGrainKey.For(request.SiteId, request.TrialId)).AnswerAsync(request).ConfigureAwait(false);
            reply = answer.Message;
        }
        if (context.ResponseAddress is not null) await context.RespondAsync(reply, reply.GetType()).ConfigureAwait(false);
        else await context.Publish(reply, reply.GetType(), context.CancellationToken).ConfigureAwait(false);
    }
}

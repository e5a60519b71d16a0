using System.Text.Json.Nodes;
using ClinicalTrials.Ledger;
using ClinicalTrials.Ledger.Batching;
using ClinicalTrials.Site.Trials;

namespace ClinicalTrials.Site.Hosting;

/// <summary>The event log of a site with no ledger configured: reading works, anything to anchor is refused with the remedy.</summary>
internal sealed class UnconfiguredEventLog(string configPath) : ISiteEventLog
{
    private SiteHomeException Refusal() => new($"{configPath}: $.ledger: no ledger configured, so site events cannot be anchored (init with --ledger FILE, or set \"rpc\", \"contract\" and \"account_key_file\")");

    public LoggedEvent Add(string trialId, AnchorKind kind, JsonNode @event) => throw Refusal();

    public AnchorStatus StatusOf(EventTicket ticket) => new(AnchorState.Pending);

    public Task<LedgerReceipt> ConfirmAsync(EventTicket ticket, CancellationToken cancellationToken = default) => throw Refusal();

    public Task<EventProof> GetProofAsync(EventTicket ticket, CancellationToken cancellationToken = default) => throw Refusal();

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}

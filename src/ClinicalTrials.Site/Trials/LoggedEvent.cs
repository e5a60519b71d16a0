using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Ledger;
using ClinicalTrials.Ledger.Batching;

namespace ClinicalTrials.Site.Trials;

/// <summary>An event handed to the <see cref="ISiteEventLog"/>.</summary>
/// <param name="TrialId">The trial whose batch holds it.</param>
/// <param name="Kind">The batch's anchor kind.</param>
/// <param name="Ticket">Its batch and leaf.</param>
/// <param name="EventHash">SHA-256 of <paramref name="CanonicalJson"/>: what the Merkle leaf commits to (with a nonce).</param>
/// <param name="CanonicalJson">The event's RFC 8785 canonical form.</param>
public sealed record LoggedEvent(string TrialId, AnchorKind Kind, EventTicket Ticket, ContentHash EventHash, string CanonicalJson);

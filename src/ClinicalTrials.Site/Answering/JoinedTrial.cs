using ClinicalTrials.Core.Protocol;
using ClinicalTrials.Core.Sap;

namespace ClinicalTrials.Site.Answering;

/// <summary>A trial as this site joined it: the documents it checks requests against and its own site number.</summary>
/// <param name="TrialId">Trial id.</param>
/// <param name="SiteNumber">This site's number in the protocol.</param>
/// <param name="Protocol">The protocol.</param>
/// <param name="Sap">The statistical analysis plan.</param>
/// <param name="ProtocolHash">Canonical SHA-256 of the protocol (<c>sha256:…</c>).</param>
/// <param name="SapHash">Canonical SHA-256 of the SAP.</param>
public sealed record JoinedTrial(string TrialId, int SiteNumber, ProtocolDocument Protocol, SapDocument Sap, string ProtocolHash, string SapHash);

using ClinicalTrials.Statistics.Data;

namespace ClinicalTrials.Site.Answering;

/// <summary>A trial's derived analysis dataset at this site, with the participant of every row (kept at the site).</summary>
/// <param name="Table">One row per participant, the protocol's derived columns.</param>
/// <param name="ParticipantIds">The participant of each row of <paramref name="Table"/>, in row order.</param>
public sealed record SiteDataset(SiteTable Table, IReadOnlyList<string> ParticipantIds);

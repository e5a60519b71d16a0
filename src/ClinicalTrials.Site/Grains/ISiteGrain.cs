using ClinicalTrials.Contracts;
using ClinicalTrials.Site.Answering;

namespace ClinicalTrials.Site.Grains;

/// <summary>
/// One trial at one site (key <see cref="SiteGrainKey.For"/>): requests to it are handled one at a
/// time, so its query log sees them in order; different sites and trials run in parallel.
/// </summary>
public interface ISiteGrain : IGrainWithStringKey
{
    /// <summary>Answers an analysis request (or replays the answer to a duplicate).</summary>
    Task<SiteAnswer> AnswerAsync(AnalysisRequested request);
}

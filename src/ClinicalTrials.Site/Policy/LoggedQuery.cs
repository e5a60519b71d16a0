namespace ClinicalTrials.Site.Policy;

/// <summary>One request in a site's query log (participant ids stay in the site's database).</summary>
/// <param name="RequestId">The request's id.</param>
/// <param name="RunId">The analysis run.</param>
/// <param name="TrialId">Trial id.</param>
/// <param name="AnalysisId">Analysis id in the SAP.</param>
/// <param name="Round">Round number.</param>
/// <param name="ReceivedAt">When the site received it.</param>
/// <param name="Outcome"><c>answered</c> or <c>refused</c>.</param>
/// <param name="Rule">The refusing rule, if refused.</param>
/// <param name="Reason">The refusal's explanation, if refused.</param>
/// <param name="SubsetSize">How many participants the answer rested on (null when refused before the data was read).</param>
/// <param name="Answer">The message returned (JSON), replayed to a duplicate of the request.</param>
public sealed record LoggedQuery(
    Guid RequestId, string RunId, string TrialId, string AnalysisId, int Round, DateTimeOffset ReceivedAt,
    string Outcome, string? Rule, string? Reason, int? SubsetSize, string Answer);

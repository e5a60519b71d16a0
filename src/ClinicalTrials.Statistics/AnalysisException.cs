namespace ClinicalTrials.Statistics;

/// <summary>
/// An analysis that cannot be computed as specified (missing column, empty group, separation,
/// non-convergence). The message names the term, group or column concerned.
/// </summary>
public class AnalysisException(string message) : Exception(message);

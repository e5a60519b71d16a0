namespace ClinicalTrials.Statistics.Methods.Chisq;

/// <summary>One non-empty cell of a site's contingency table.</summary>
public sealed record ChisqCell(string Row, string Col, long Count);

namespace ClinicalTrials.Contracts; /// <summary>Placeholder.</summary>
public sealed record Placeholder;

namespace ClinicalTrials.Site.Derivation;

/// <summary>A row of the derived dataset as enrollment recorded it.</summary>
internal sealed record Participant(string Id, string Arm, double Age, string Sex, string StrataJson);

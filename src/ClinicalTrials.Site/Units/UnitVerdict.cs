namespace ClinicalTrials.Site.Units;

/// <summary>How readings of a code in some unit are stored: <c>value × Scale + Offset</c> in <see cref="Unit"/>, or why they cannot be.</summary>
/// <param name="Unit">The unit stored (the code's canonical unit, or the given one for codes not catalogued).</param>
/// <param name="Scale">Multiplier.</param>
/// <param name="Offset">Added after scaling (temperatures).</param>
/// <param name="Reason">Null when convertible; otherwise why not, for the quarantine.</param>
public sealed record UnitVerdict(string Unit, double Scale, double Offset, string? Reason)
{
    /// <summary>A refusal.</summary>
    public static UnitVerdict Refuse(string unit, string reason) => new(unit, double.NaN, double.NaN, reason);
}

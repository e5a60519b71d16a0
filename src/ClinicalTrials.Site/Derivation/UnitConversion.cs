namespace ClinicalTrials.Site.Derivation;

/// <summary>
/// Converts readings of a LOINC code from one UCUM unit to another as <c>value × Scale + Offset</c>;
/// null when the units are not commensurable for that code.
/// </summary>
public delegate (double Scale, double Offset)? UnitConversion(string loinc, string fromUnit, string toUnit);

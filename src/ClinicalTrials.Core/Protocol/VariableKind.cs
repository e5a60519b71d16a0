namespace ClinicalTrials.Core.Protocol;

/// <summary>What kind of values a derived-dataset variable holds, which decides where an analysis may use it.</summary>
public enum VariableKind
{
    /// <summary>A continuous value (a mean, a change, a percentage of time in range, an age).</summary>
    Numeric,

    /// <summary>0/1 (a responder flag, an event indicator); usable as a number or as a two-level factor.</summary>
    Binary,

    /// <summary>A factor with known levels (arm, site, a randomization stratum, sex).</summary>
    Categorical,

    /// <summary>Days from randomization to event or censoring.</summary>
    Time,
}

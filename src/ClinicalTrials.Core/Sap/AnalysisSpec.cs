using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Sap;

/// <summary>
/// One analysis of a statistical analysis plan, in the format of the reference kit's
/// <c>analyses.json</c>: an <c>id</c>, a <c>type</c> discriminator and the type's fields.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(DescribeSpec), "describe")]
[JsonDerivedType(typeof(TTestSpec), "ttest")]
[JsonDerivedType(typeof(ChisqSpec), "chisq")]
[JsonDerivedType(typeof(CmhSpec), "cmh")]
[JsonDerivedType(typeof(LmSpec), "lm")]
[JsonDerivedType(typeof(LogisticSpec), "logistic")]
[JsonDerivedType(typeof(CoxSpec), "cox")]
[JsonDerivedType(typeof(LogrankSpec), "logrank")]
[JsonDerivedType(typeof(KmSpec), "km")]
[JsonDerivedType(typeof(MetaSpec), "meta")]
[JsonDerivedType(typeof(Or2x2Spec), "or2x2")]
public abstract record AnalysisSpec
{
    /// <summary>Identifier unique within the SAP; keys the result. Empty for a meta-analysis's per-site spec.</summary>
    public string Id { get; init; } = "";

    /// <summary>Optional human label shown in reports.</summary>
    public string? Title { get; init; }

    /// <summary>The <c>type</c> discriminator of this spec.</summary>
    [JsonIgnore]
    public abstract string Type { get; }

    /// <summary>The data columns this analysis reads (complete cases are taken on these).</summary>
    public abstract IReadOnlyList<string> Variables();
}

namespace ClinicalTrials.Core.Sap;

/// <summary>An alpha-spending function: its family and, for Hwang–Shih–DeCani, gamma.</summary>
public sealed record AlphaSpending
{
    /// <summary>Family.</summary>
    public required SpendingFunctionType Type { get; init; }

    /// <summary>Hwang–Shih–DeCani gamma (e.g. −4 is O'Brien–Fleming-like, 1 Pocock-like); only for <c>hsd</c>.</summary>
    public double? Gamma { get; init; }
}

namespace ClinicalTrials.Core.Sap;

/// <summary>The protocol a SAP belongs to. Registration binds the two by hash as well.</summary>
public sealed record ProtocolReference
{
    /// <summary>The protocol's trial id.</summary>
    public required string TrialId { get; init; }

    /// <summary>The protocol's version.</summary>
    public required string Version { get; init; }
}

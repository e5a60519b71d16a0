using System.Text.Json.Serialization;

namespace ClinicalTrials.Ledger;

/// <summary>
/// What an anchored Merkle root commits to. The numeric values are the contract's enum values
/// (TrialRegistry.sol) and must not be reordered.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AnchorKind>))]
public enum AnchorKind
{
    /// <summary>A batch of consent grants and withdrawals (site).</summary>
    ConsentBatch = 0,

    /// <summary>The hash of a site's allocation sequence, committed before its first enrollment (site).</summary>
    RandomizationCommitment = 1,

    /// <summary>A batch of enrollments and randomizations (site).</summary>
    EnrollmentBatch = 2,

    /// <summary>A data-lock root: the site's locked dataset, or the sponsor's trial-wide lock.</summary>
    DataLock = 3,

    /// <summary>The signed site aggregates of an analysis run (sponsor/coordinator).</summary>
    AggregateBatch = 4,

    /// <summary>The results of an analysis (sponsor).</summary>
    Result = 5,

    /// <summary>An evidence bundle's manifest hash (sponsor).</summary>
    Bundle = 6,

    /// <summary>Unblinding of the allocation after data lock (sponsor).</summary>
    Unblinding = 7,
}

using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace ClinicalTrials.Site.Enrollment;

/// <summary>The outcome of an enrollment: the allocation, or every reason it was refused.</summary>
/// <param name="Allocation">The allocation; null when refused.</param>
/// <param name="AlreadyEnrolled">True when the participant had been enrolled before: the existing allocation is returned, none is made.</param>
/// <param name="Refusals">Every reason the enrollment was refused; empty when enrolled.</param>
public sealed record EnrollmentResult(Allocation? Allocation, bool AlreadyEnrolled, ImmutableArray<string> Refusals)
{
    /// <summary>True when the participant is enrolled (now or before).</summary>
    [MemberNotNullWhen(true, nameof(Allocation))]
    public bool IsEnrolled => Allocation is not null;

    internal static EnrollmentResult Refused(IEnumerable<string> reasons) => new(null, false, [.. reasons]);
}

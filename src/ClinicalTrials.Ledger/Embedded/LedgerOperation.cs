using System.Text.Json.Nodes;

namespace ClinicalTrials.Ledger.Embedded;

/// <summary>What one ledger entry does: its <c>op</c> name and <c>args</c> object.</summary>
internal abstract record LedgerOperation
{
    /// <summary>The <c>op</c> member, e.g. <c>anchor</c>.</summary>
    public abstract string Name { get; }

    /// <summary>How a refusal names the operation, e.g. <c>anchor(HT-001, Result)</c>.</summary>
    public abstract string Label { get; }

    /// <summary>The <c>args</c> member.</summary>
    public abstract JsonObject ToArgs();
}

namespace ClinicalTrials.Ledger.Embedded;

/// <summary>
/// An embedded ledger file failed verification when opening or repairing it; <see cref="Report"/>
/// lists every problem. The file is left untouched.
/// </summary>
public sealed class EmbeddedLedgerCorruptException(EmbeddedLedgerReport report)
    : LedgerException(Describe(report))
{
    /// <summary>What verification found.</summary>
    public EmbeddedLedgerReport Report { get; } = report;

    private static string Describe(EmbeddedLedgerReport report)
    {
        const int Shown = 10;
        var lines = report.Problems.Take(Shown).Select(p => "  " + p).ToList();
        if (report.Problems.Count > Shown) lines.Add($"  … and {report.Problems.Count - Shown} more");
        return $"ledger {report.Path} failed verification ({report.Problems.Count} problem(s)) and was left untouched:"
            + Environment.NewLine + string.Join(Environment.NewLine, lines);
    }
}

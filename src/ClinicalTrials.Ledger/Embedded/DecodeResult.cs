namespace ClinicalTrials.Ledger.Embedded;

/// <summary>A decoded line, or why it could not be decoded.</summary>
internal sealed class DecodeResult
{
    private DecodeResult(LedgerEntry? entry, string? error)
    {
        Entry = entry;
        Error = error;
    }

    public LedgerEntry? Entry { get; }

    public string? Error { get; }

    public static DecodeResult Ok(LedgerEntry entry) => new(entry, null);

    public static DecodeResult Damaged(string error) => new(null, error);
}

namespace ClinicalTrials.Statistics.Data;

/// <summary>A rejected CSV record: file, line, field and why.</summary>
public sealed record CsvRejection(string File, int Line, string Field, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}: line {Line}: {Field}: {Reason}";
}

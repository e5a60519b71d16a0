using ClinicalTrials.Core.Protocol;

namespace ClinicalTrials.Site.Derivation;

/// <summary>How many usable (and unusable) readings a participant has in one window of a <see cref="WindowScan"/>.</summary>
internal sealed class WindowReadings(WindowScan scan, DayWindow window, int usableSlot, int unusableSlot)
{
    public DayWindow Window => window;

    public long Usable(int row) => (long)scan.Value(usableSlot, row);

    public long Unusable(int row) => (long)scan.Value(unusableSlot, row);

    /// <summary>Why the row has too few readings for a value, or null when it has at least <paramref name="minReadings"/>.</summary>
    public string? Shortfall(int row, int minReadings)
    {
        var n = Usable(row);
        if (n >= Math.Max(minReadings, 1)) return null;
        if (Unusable(row) == 0)
            return n == 0 ? $"no readings in {window}" : $"fewer than {minReadings} readings in {window}";
        return n == 0
            ? $"no usable readings in {window} (only readings in units not convertible to {scan.Unit})"
            : $"fewer than {minReadings} usable readings in {window} (others in units not convertible to {scan.Unit})";
    }
}

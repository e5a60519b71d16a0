using System.Globalization;

namespace ClinicalTrials.Site.Trials;

/// <summary>Times as the site store keeps them: UTC, to the microsecond (DuckDB's TIMESTAMP resolution).</summary>
internal static class StoreTime
{
    /// <summary>Later than any recorded time: "now, with everything recorded".</summary>
    public static readonly DateTime Forever = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Now, truncated so that what an event states and what the database reads back are equal.</summary>
    public static DateTime Now(TimeProvider time) => Truncate(time.GetUtcNow());

    public static DateTime Truncate(DateTimeOffset t)
    {
        var utc = t.UtcDateTime;
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMicrosecond, DateTimeKind.Utc);
    }

    /// <summary>A value read from a TIMESTAMP column, marked UTC.</summary>
    public static DateTime FromStore(DateTime stored) => DateTime.SpecifyKind(stored, DateTimeKind.Utc);

    /// <summary>The form events state times in: ISO 8601 UTC with six decimals.</summary>
    public static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}

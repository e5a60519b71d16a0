namespace ClinicalTrials.Site.Ingestion;

/// <summary>
/// How ingestion reads a moment written as text, in SQL, for readings and events alike: it must
/// carry a time and an explicit offset (Z, ±hh, ±hhmm, ±hh:mm) — a bare date or a local time is
/// ambiguous — and is stored as a UTC TIMESTAMP.
/// </summary>
internal static class TimeSql
{
    /// <summary>True when the text <paramref name="text"/> ends in an offset after a time (a cheap test before the parse).</summary>
    public static string HasOffset(string text) =>
        $"(length({text}) > 10 AND (right({text}, 1) IN ('Z', 'z') OR substr({text}, -3, 1) IN ('+', '-') OR substr({text}, -5, 1) IN ('+', '-') OR substr({text}, -6, 1) IN ('+', '-')))";

    /// <summary>The UTC TIMESTAMP of <paramref name="text"/>, NULL when it has no offset or does not parse (no ICU time-zone work).</summary>
    public static string Utc(string text) =>
        $"CASE WHEN {HasOffset(text)} THEN make_timestamp(epoch_us(try_cast({text} AS TIMESTAMPTZ))) END";
}

using ClinicalTrials.Site.Store;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Policy;

/// <summary>
/// Every analysis request a site received, answered or refused, with the participants each answer
/// rested on. It makes duplicate requests idempotent (the same answer is replayed) and lets the
/// site refuse differencing: two answers whose participant sets differ by a handful of people
/// would, subtracted, disclose those people.
/// </summary>
public sealed class QueryLog(SiteStore store)
{
    /// <summary>Outcome value of an answered request.</summary>
    public const string Answered = "answered";

    /// <summary>Outcome value of a refused request.</summary>
    public const string Refused = "refused";

    /// <summary>The logged request with id <paramref name="requestId"/>, or null.</summary>
    public LoggedQuery? Find(Guid requestId)
    {
        using var c = store.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"{SelectColumns} WHERE request_id = $id";
        cmd.Parameters.Add(new DuckDBParameter("id", requestId.ToString()));
        using var r = cmd.ExecuteReader();
        return r.Read() ? Read(r) : null;
    }

    /// <summary>Every logged request of <paramref name="trialId"/> (all trials when null), oldest first.</summary>
    public IReadOnlyList<LoggedQuery> List(string? trialId = null)
    {
        using var c = store.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"{SelectColumns} WHERE $trial IS NULL OR trial_id = $trial ORDER BY received_at, request_id";
        cmd.Parameters.Add(new DuckDBParameter("trial", (object?)trialId ?? DBNull.Value));
        using var r = cmd.ExecuteReader();
        var list = new List<LoggedQuery>();
        while (r.Read()) list.Add(Read(r));
        return list;
    }

    /// <summary>
    /// Why answering with <paramref name="subset"/> would enable differencing against an earlier
    /// answered request of the same trial in another run, or null when it would not. Sets that are
    /// equal, or differ by at least <paramref name="minimum"/> participants, are allowed.
    /// </summary>
    public string? CheckDifferencing(string trialId, string runId, IReadOnlyCollection<string> subset, int minimum)
    {
        var current = subset as IReadOnlySet<string> ?? subset.ToHashSet(StringComparer.Ordinal);
        using var c = store.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT request_id, run_id, analysis_id, round, received_at, subset FROM query_log
            WHERE trial_id = $trial AND outcome = 'answered' AND run_id <> $run AND subset IS NOT NULL
            ORDER BY received_at, request_id
            """;
        cmd.Parameters.Add(new DuckDBParameter("trial", trialId));
        cmd.Parameters.Add(new DuckDBParameter("run", runId));
        using var r = cmd.ExecuteReader();
        var checkedRuns = new HashSet<string>(StringComparer.Ordinal);
        while (r.Read())
        {
            // Rounds of one run rest on the same participants; one comparison per run suffices.
            if (!checkedRuns.Add(r.GetString(1))) continue;
            var earlier = r.GetFieldValue<List<string>>(5);
            var common = earlier.Count(current.Contains);
            var difference = earlier.Count - common + (current.Count - common);
            if (difference > 0 && difference < minimum)
                return $"its {current.Count} participants differ from the {earlier.Count} of earlier request {r.GetString(0)} " +
                       $"(run {r.GetString(1)}, analysis '{r.GetString(2)}', round {r.GetInt32(3)}, {ReadTime(r, 4):u}) by {difference}, " +
                       $"fewer than the minimum difference of {minimum}: together the two answers would single them out";
        }
        return null;
    }

    /// <summary>Appends <paramref name="entry"/>; <paramref name="subset"/> is stored for answered requests.</summary>
    public void Record(LoggedQuery entry, string sapHash, IReadOnlyCollection<string>? subset)
    {
        using var c = store.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            INSERT INTO query_log (request_id, run_id, trial_id, analysis_id, round, sap_hash, received_at, outcome, rule, reason, subset_size, subset, answer)
            VALUES ($id, $run, $trial, $analysis, $round, $sap, $at, $outcome, $rule, $reason, $size, $subset, $answer)
            """;
        cmd.Parameters.Add(new DuckDBParameter("id", entry.RequestId.ToString()));
        cmd.Parameters.Add(new DuckDBParameter("run", entry.RunId));
        cmd.Parameters.Add(new DuckDBParameter("trial", entry.TrialId));
        cmd.Parameters.Add(new DuckDBParameter("analysis", entry.AnalysisId));
        cmd.Parameters.Add(new DuckDBParameter("round", entry.Round));
        cmd.Parameters.Add(new DuckDBParameter("sap", sapHash));
        cmd.Parameters.Add(new DuckDBParameter("at", entry.ReceivedAt.UtcDateTime));
        cmd.Parameters.Add(new DuckDBParameter("outcome", entry.Outcome));
        cmd.Parameters.Add(new DuckDBParameter("rule", (object?)entry.Rule ?? DBNull.Value));
        cmd.Parameters.Add(new DuckDBParameter("reason", (object?)entry.Reason ?? DBNull.Value));
        cmd.Parameters.Add(new DuckDBParameter("size", (object?)entry.SubsetSize ?? DBNull.Value));
        cmd.Parameters.Add(new DuckDBParameter("subset", subset is null ? DBNull.Value : subset.Order(StringComparer.Ordinal).ToList()));
        cmd.Parameters.Add(new DuckDBParameter("answer", entry.Answer));
        cmd.ExecuteNonQuery();
    }

    private const string SelectColumns =
        "SELECT request_id, run_id, trial_id, analysis_id, round, received_at, outcome, rule, reason, subset_size, answer FROM query_log";

    private static LoggedQuery Read(DuckDBDataReader r) => new(
            Guid.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), ReadTime(r, 5),
            r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8),
            r.IsDBNull(9) ? null : r.GetInt32(9), r.GetString(10));

    private static DateTimeOffset ReadTime(DuckDBDataReader r, int i) =>
        new(DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc));
}

using System.Text.Json;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Core.Protocol;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Site.Answering;
using ClinicalTrials.Site.Store;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Trials;

/// <summary>
/// The trials a site takes part in, with the exact protocol and SAP texts it joined (their
/// canonical hashes are what requests and the ledger are checked against).
/// </summary>
public sealed class SiteTrials(SiteStore store, string siteId, TimeProvider time) : IJoinedTrials
{
    /// <summary>
    /// Joins (or re-joins with amended documents) the trial of <paramref name="protocolText"/>.
    /// Both documents must be valid and agree; this site must be in the protocol's site list; after
    /// the allocation list is committed (or anyone enrolled) the arms, the planned sample size and the
    /// randomization may not change (the committed list was generated from them).
    /// </summary>
    public JoinedTrial Join(string protocolText, string protocolSource, string sapText, string sapSource)
    {
        var protocolResult = ProtocolDocument.Parse(protocolText, protocolSource);
        if (!protocolResult.IsValid) throw new TrialJoinException(string.Join(Environment.NewLine, protocolResult.Errors.Select(e => e.ToString())));
        var protocol = protocolResult.Document;
        var sapResult = SapDocument.Parse(sapText, sapSource, protocol);
        if (!sapResult.IsValid) throw new TrialJoinException(string.Join(Environment.NewLine, sapResult.Errors.Select(e => e.ToString())));
        var site = protocol.Sites.FirstOrDefault(s => s.Id == siteId)
            ?? throw new TrialJoinException($"{protocolSource}: site '{siteId}' is not among the protocol's sites ({string.Join(", ", protocol.Sites.Select(s => s.Id))})");
        var joined = new JoinedTrial(protocol.TrialId, site.Number, protocol, sapResult.Document,
            ContentHash.OfJsonText(protocolText).ToString(), ContentHash.OfJsonText(sapText).ToString());

        using var c = store.Connect();
        using var tx = c.BeginTransaction();
        var existing = Read(c, protocol.TrialId);
        if (existing is not null)
        {
            if (existing.ProtocolHash == joined.ProtocolHash && existing.SapHash == joined.SapHash) return existing;
            if (existing.SiteNumber != joined.SiteNumber)
                throw new TrialJoinException($"{protocolSource}: the amendment renumbers this site from {existing.SiteNumber} to {joined.SiteNumber}; its data and allocations belong to site {existing.SiteNumber}");
            if (!SameAllocationScheme(existing.Protocol, protocol) && AllocationState(c, protocol.TrialId) is { } state)
                throw new TrialJoinException($"{protocolSource}: the amendment changes the arms, the planned sample size or the randomization of '{protocol.TrialId}' " +
                    $"after {state}: the committed allocation list was generated from the old scheme and no longer applies, and committing a second " +
                    "list would let the site choose between allocations; amend the randomization only before any site commits its list");
            StoreSql.Execute(c, """
                INSERT INTO trial_versions SELECT trial_id, protocol_json, protocol_hash, sap_json, sap_hash, joined_at, $now FROM trials WHERE trial_id = $trial;
                DELETE FROM trials WHERE trial_id = $trial;
                """, ("trial", protocol.TrialId), ("now", time.GetUtcNow().UtcDateTime));
        }
        StoreSql.Execute(c, "INSERT INTO trials VALUES ($trial, $site, $protocol, $protocolHash, $sap, $sapHash, $now)",
            ("trial", protocol.TrialId), ("site", joined.SiteNumber), ("protocol", protocolText), ("protocolHash", joined.ProtocolHash),
            ("sap", sapText), ("sapHash", joined.SapHash), ("now", time.GetUtcNow().UtcDateTime));
        tx.Commit();
        return joined;
    }

    /// <summary>Joins from files.</summary>
    public JoinedTrial JoinFiles(string protocolPath, string sapPath)
    {
        foreach (var p in new[] { protocolPath, sapPath })
            if (!File.Exists(p)) throw new TrialJoinException($"{p}: no such file");
        return Join(File.ReadAllText(protocolPath), protocolPath, File.ReadAllText(sapPath), sapPath);
    }

    /// <inheritdoc />
    public JoinedTrial? Find(string trialId)
    {
        using var c = store.Connect();
        return Read(c, trialId);
    }

    /// <summary>Every joined trial, by id.</summary>
    public IReadOnlyList<JoinedTrial> List()
    {
        using var c = store.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT trial_id FROM trials ORDER BY trial_id";
        var ids = new List<string>();
        using (var r = cmd.ExecuteReader())
            while (r.Read()) ids.Add(r.GetString(0));
        return [.. ids.Select(id => Read(c, id)!)];
    }

    /// <summary>Earlier versions of the trial this site joined, oldest first: (protocol hash, SAP hash, joined, replaced).</summary>
    public IReadOnlyList<(string ProtocolHash, string SapHash, DateTime JoinedAt, DateTime ReplacedAt)> History(string trialId)
    {
        using var c = store.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT protocol_hash, sap_hash, joined_at, replaced_at FROM trial_versions WHERE trial_id = $trial ORDER BY replaced_at";
        cmd.Parameters.Add(new DuckDBParameter("trial", trialId));
        using var r = cmd.ExecuteReader();
        var list = new List<(string, string, DateTime, DateTime)>();
        while (r.Read()) list.Add((r.GetString(0), r.GetString(1), r.GetDateTime(2), r.GetDateTime(3)));
        return list;
    }

    private static JoinedTrial? Read(DuckDBConnection c, string trialId)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT site_number, protocol_json, protocol_hash, sap_json, sap_hash FROM trials WHERE trial_id = $trial";
        cmd.Parameters.Add(new DuckDBParameter("trial", trialId));
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        // The texts were validated when joined; a failure here means the database was edited.
        var protocol = ProtocolDocument.Parse(r.GetString(1), $"trials[{trialId}].protocol_json").Document
            ?? throw new SiteStoreException($"the stored protocol of trial '{trialId}' no longer validates");
        var sap = SapDocument.Parse(r.GetString(3), $"trials[{trialId}].sap_json", protocol).Document
            ?? throw new SiteStoreException($"the stored SAP of trial '{trialId}' no longer validates");
        return new JoinedTrial(trialId, r.GetInt32(0), protocol, sap, r.GetString(2), r.GetString(4));
    }

    /// <summary>What ties the trial to its allocation scheme at this site: enrollments, a committed list, or nothing (null).</summary>
    private static string? AllocationState(DuckDBConnection c, string trialId)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT (SELECT count(*) FROM randomizations WHERE trial_id = $trial),
                   (SELECT count(*) FROM allocation_commitments WHERE trial_id = $trial)
            """;
        cmd.Parameters.Add(new DuckDBParameter("trial", trialId));
        using var r = cmd.ExecuteReader();
        r.Read();
        var enrolled = Convert.ToInt64(r.GetValue(0));
        if (enrolled > 0) return $"{enrolled} participant(s) were randomized here";
        return Convert.ToInt64(r.GetValue(1)) > 0 ? "this site committed its allocation list" : null;
    }

    private static bool SameAllocationScheme(ProtocolDocument a, ProtocolDocument b) =>
        JsonSerializer.Serialize(a.Randomization) == JsonSerializer.Serialize(b.Randomization)
        && a.PlannedSampleSize == b.PlannedSampleSize
        && string.Join(",", a.Arms.Select(x => $"{x.Id}:{x.AllocationRatio}")) == string.Join(",", b.Arms.Select(x => $"{x.Id}:{x.AllocationRatio}"));
}

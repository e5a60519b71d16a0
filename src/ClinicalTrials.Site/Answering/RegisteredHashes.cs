namespace ClinicalTrials.Site.Answering;

/// <summary>A trial's current registered document hashes and where they were read.</summary>
/// <param name="ProtocolHash">Registered protocol hash.</param>
/// <param name="SapHash">Registered SAP hash.</param>
/// <param name="Source">Ledger and version, for messages (e.g. <c>embedded:ledger.jsonl version 1</c>).</param>
public sealed record RegisteredHashes(string ProtocolHash, string SapHash, string Source);

using System.Text.Json.Nodes;
using ClinicalTrials.Statistics.Data;

namespace ClinicalTrials.Sponsor.Simulation;

/// <summary>Results keyed by analysis id (with <c>_meta</c>), a line per analysis, and the rejected input records.</summary>
public sealed record SimulationReport(JsonObject Results, IReadOnlyList<AnalysisOutcome> Outcomes, IReadOnlyList<CsvRejection> Rejected);

using ClinicalTrials.Benchmarks.Verbs;

// One entry per verb; a verb gets the remaining arguments and returns the exit code.
var verbs = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["derive"] = DeriveBenchmark.Run,
    ["ingest"] = IngestBenchmark.Run,
    ["ledger"] = LedgerBenchmark.Run,
    ["merkle"] = MerkleBenchmark.Run,
    ["stats"] = StatsBenchmark.Run,
};

if (args.Length == 0 || !verbs.TryGetValue(args[0], out var verb))
{
    Console.Error.WriteLine("usage: ClinicalTrials.Benchmarks <verb> [options]");
    Console.Error.WriteLine($"verbs: {string.Join(", ", verbs.Keys.Order(StringComparer.Ordinal))}");
    return 2;
}
return verb(args[1..]);

using System.Diagnostics;
using System.Text.Unicode;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Core.Merkle;
using ClinicalTrials.Ledger;
using ClinicalTrials.Ledger.Batching;

namespace ClinicalTrials.Benchmarks.Verbs;

/// <summary>
/// <c>ledger [--events N] [--batch B] [--producers P] [--proofs M] [--ledger memory|embedded|anvil] [--dir PATH]</c>:
/// P producer threads add N events (one trial, one kind) through the <see cref="AnchorBatcher"/>
/// with batches of B events into a durable store on disk, timed until every batch is anchored;
/// then M events spread over all batches are proved from the stored leaf hashes and verified.
/// Baseline, same run: one thread committing the same events without tree, disk or ledger
/// (nonce + event hash + leaf hash), so the ratio says what batching, storage and anchoring keep
/// of the raw hashing rate; with P threads it can exceed 1.
/// </summary>
internal static class LedgerBenchmark
{
    private const string Usage = "usage: ledger [--events N] [--batch B] [--producers P] [--proofs M] [--ledger memory|embedded|anvil] [--dir PATH]";
    private const string Trial = "BENCH-001";

    /// <summary>The sponsor may anchor data-lock roots without a site registration, on every ledger.</summary>
    private const AnchorKind Kind = AnchorKind.DataLock;

    public static int Run(string[] args)
    {
        if (!BenchmarkOptions.TryParse(args, out var options, out string error))
        {
            Console.Error.WriteLine($"ledger: {error}\n{Usage}");
            return 2;
        }
        long events, batch, producers, proofs;
        try
        {
            events = options.Long("events", 10_000_000);
            batch = options.Long("batch", 1_000_000);
            producers = options.Long("producers", Environment.ProcessorCount);
            proofs = options.Long("proofs", 100_000);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            Console.Error.WriteLine($"ledger: {e.Message}\n{Usage}");
            return 2;
        }
        string ledgerKind = options.Text("ledger", "memory");
        string? directory = options.Text("dir", "") is { Length: > 0 } dir ? dir : null;
        if (events < 1 || batch < 1 || batch > int.MaxValue || producers < 1 || producers > 256 || proofs < 0)
        {
            Console.Error.WriteLine($"ledger: need --events >= 1, 1 <= --batch <= {int.MaxValue}, 1 <= --producers <= 256, --proofs >= 0\n{Usage}");
            return 2;
        }
        try
        {
            return RunAsync(events, (int)batch, (int)producers, Math.Min(proofs, events), ledgerKind, directory).GetAwaiter().GetResult();
        }
        catch (NotSupportedException e)
        {
            Console.Error.WriteLine($"ledger: {e.Message}");
            return 2;
        }
    }

    private static async Task<int> RunAsync(long events, int batch, int producers, long proofs, string ledgerKind, string? directory)
    {
        // First, so that a ledger this build cannot start is reported before any work.
        await using var harness = await LedgerHarness.StartAsync(ledgerKind, CancellationToken.None);

        // Warm-up: JIT tiers and the file system, not measured.
        await using (var warm = await LedgerHarness.StartAsync("memory", CancellationToken.None))
            await MeasureAsync(warm, Math.Min(events, 200_000), Math.Min(batch, 50_000), producers, Math.Min(proofs, 1_000), null);
        double baseline = CommitmentBaseline(Math.Min(events, 2_000_000));

        var result = await MeasureAsync(harness, events, batch, producers, proofs, directory);
        if (result is null) return 1;
        var r = result.Value;
        double? gas = await harness.GasPerBatchAsync(r.Receipts, CancellationToken.None);
        JsonLine.Write(w =>
        {
            w.WriteNumber("events", events);
            w.WriteNumber("batches", r.Batches);
            w.WriteNumber("transactions", r.Receipts.Select(x => x.TransactionId).Distinct(StringComparer.Ordinal).Count());
            w.WriteNumber("events_per_second", Math.Round(events / r.EndToEnd.TotalSeconds));
            w.WriteNumber("proofs_verified_per_second", Math.Round(proofs / r.Proving.TotalSeconds));
            if (gas is { } g) w.WriteNumber("gas_per_batch", Math.Round(g));
            else w.WriteNull("gas_per_batch");
            w.WriteNumber("baseline_commitments_per_second_one_thread", Math.Round(baseline));
            w.WriteNumber("ratio_to_baseline", Math.Round(events / r.EndToEnd.TotalSeconds / baseline, 3));
            w.WriteNumber("accepted_events_per_second", Math.Round(events / r.Accepting.TotalSeconds));
            w.WriteNumber("seconds", Math.Round(r.EndToEnd.TotalSeconds, 2));
            w.WriteNumber("proofs", proofs);
            w.WriteNumber("batch", batch);
            w.WriteNumber("producers", producers);
            w.WriteString("ledger", ledgerKind);
            w.WriteNumber("store_mb", Math.Round(r.StoreBytes / 1048576.0, 1));
            w.WriteString("hash_backend", MerkleTreeBuilder.HashBackend);
            w.WriteNumber("gc_gen0_collections", r.Gen0);
        });
        return 0;
    }

    private readonly record struct Result(
        TimeSpan Accepting, TimeSpan EndToEnd, TimeSpan Proving, int Batches, IReadOnlyList<LedgerReceipt> Receipts, long StoreBytes, int Gen0);

    private static async Task<Result?> MeasureAsync(LedgerHarness harness, long events, int batch, int producers, long proofs, string? directory)
    {
        string root = directory ?? Path.Combine(Path.GetTempPath(), $"ledger-bench-{Guid.NewGuid():N}");
        if (directory is not null && Directory.Exists(Path.Combine(directory, "batches")) && Directory.EnumerateFileSystemEntries(Path.Combine(directory, "batches")).Any())
            throw new NotSupportedException($"--dir {directory} already holds batches; give an empty directory");
        try
        {
            await harness.Ledger.RegisterTrialAsync(Trial, ContentHash.OfBytes("protocol"u8), ContentHash.OfBytes("sap"u8));
            var options = new AnchorBatcherOptions { Directory = root, MaxEvents = batch, MaxAge = TimeSpan.FromHours(1) };
            await using var batcher = await AnchorBatcher.OpenAsync(harness.Ledger, options);

            // Every stride-th event is kept (ticket + sequence number) to be proved afterwards.
            long stride = proofs == 0 ? long.MaxValue : Math.Max(1, events / proofs);
            var samples = new List<(EventTicket Ticket, long Seq)>[producers];
            int gen0 = GC.CollectionCount(0);
            var clock = Stopwatch.StartNew();
            var threads = new Thread[producers];
            for (int p = 0; p < producers; p++)
            {
                long from = events * p / producers, to = events * (p + 1) / producers;
                var kept = samples[p] = new List<(EventTicket, long)>((int)Math.Min(int.MaxValue, (to - from) / Math.Min(stride, to - from + 1) + 1));
                threads[p] = new Thread(() => Produce(batcher, from, to, stride, kept)) { IsBackground = true, Name = $"producer {p}" };
                threads[p].Start();
            }
            foreach (var thread in threads) thread.Join();
            var accepting = clock.Elapsed;
            await batcher.FlushAsync();
            var endToEnd = clock.Elapsed;
            gen0 = GC.CollectionCount(0) - gen0;

            var manifests = batcher.Batches;
            long stored = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            Console.Error.WriteLine($"ledger: {events:N0} events in {manifests.Count} batches, accepted in {accepting.TotalSeconds:F2} s, all anchored at {endToEnd.TotalSeconds:F2} s");

            // Proofs in batch order, as an auditor proving a set of events would ask for them.
            var chosen = samples.SelectMany(s => s).Take((int)Math.Min(proofs, int.MaxValue)).OrderBy(s => s.Ticket.BatchId).ThenBy(s => s.Ticket.LeafIndex).ToList();
            var proving = Stopwatch.StartNew();
            byte[] buffer = new byte[128];
            long verified = 0;
            var getting = new Stopwatch();
            foreach (var (ticket, seq) in chosen)
            {
                getting.Start();
                var proof = await batcher.GetProofAsync(ticket);
                getting.Stop();
                int length = Format(buffer, seq);
                if (proof.Receipt is not null && AnchorBatcher.VerifyEventProof(buffer.AsSpan(0, length), proof)) verified++;
            }
            proving.Stop();
            Console.Error.WriteLine($"ledger: {chosen.Count:N0} proofs in {proving.Elapsed.TotalSeconds:F2} s, of which computing them (with {manifests.Count} tree rebuilds) {getting.Elapsed.TotalSeconds:F2} s");
            if (verified != chosen.Count)
            {
                Console.Error.WriteLine($"ledger: {chosen.Count - verified} of {chosen.Count} proofs FAILED to verify");
                return null;
            }
            var receipts = manifests.Select(m => m.Receipt!).ToList();
            return new Result(accepting, endToEnd, proving.Elapsed, manifests.Count, receipts, stored, gen0);
        }
        finally
        {
            if (directory is null && Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private static void Produce(AnchorBatcher batcher, long from, long to, long stride, List<(EventTicket, long)> kept)
    {
        Span<byte> @event = stackalloc byte[128];
        for (long seq = from; seq < to; seq++)
        {
            int length = Format(@event, seq);
            var ticket = batcher.Add(Trial, Kind, @event[..length]);
            if (seq % stride == 0) kept.Add((ticket, seq));
        }
    }

    /// <summary>A synthetic visit event, formatted in place so event creation does not dominate.</summary>
    private static int Format(Span<byte> destination, long seq)
    {
        Utf8.TryWrite(destination, $"{{\"event\":\"visit\",\"seq\":{seq},\"site\":\"S{seq % 40:D2}\",\"subject\":\"P{seq % 5000:D5}\"}}", out int length);
        return length;
    }

    /// <summary>One thread committing the same events with no tree, disk or ledger: nonce, event hash, leaf hash.</summary>
    private static double CommitmentBaseline(long count)
    {
        var nonces = new CryptoNonceSource();
        Span<byte> @event = stackalloc byte[128];
        Span<byte> commitment = stackalloc byte[64];
        Span<byte> leaf = stackalloc byte[32];
        byte sink = 0;
        var clock = Stopwatch.StartNew();
        for (long seq = 0; seq < count; seq++)
        {
            int length = Format(@event, seq);
            nonces.Fill(commitment[..32]);
            ContentHash.OfBytes(@event[..length]).CopyTo(commitment[32..]);
            EventCommitment.ComputeLeafHashFromEventHash(commitment[..32], commitment[32..], leaf);
            sink ^= leaf[0];
        }
        double rate = count / clock.Elapsed.TotalSeconds;
        GC.KeepAlive(sink);
        return rate;
    }
}

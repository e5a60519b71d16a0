using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Unicode;
using ClinicalTrials.Core.Merkle;

namespace ClinicalTrials.Benchmarks.Verbs;

/// <summary>
/// <c>merkle [--leaves N] [--proofs M] [--seed S] [--store memory|file]</c>: builds an N-leaf tree
/// of nonce-committed events through the streaming builder (CSPRNG nonces; leaf hashes in memory,
/// or in a temporary file so memory stays flat), then generates
/// and verifies M proofs of random leaves. Baseline: the BCL's one-shot SHA-256 of 64-byte
/// inputs in the same process, so the ratio is comparable across machines and loads. Each leaf
/// costs three hashes (event, leaf, one interior node on average): with the baseline's hash
/// speed the ratio would be 0.33; above that comes from the builder's faster small-input hashing.
/// </summary>
internal static class MerkleBenchmark
{
    private const string Usage = "usage: merkle [--leaves N] [--proofs M] [--seed S] [--store memory|file]";

    public static int Run(string[] args)
    {
        if (!BenchmarkOptions.TryParse(args, out var options, out string error))
        {
            Console.Error.WriteLine($"merkle: {error}\n{Usage}");
            return 2;
        }
        string store = options.Text("store", "memory");
        if (store is not ("memory" or "file"))
        {
            Console.Error.WriteLine($"merkle: --store must be memory or file, got '{store}'\n{Usage}");
            return 2;
        }
        long leaves = options.Long("leaves", 1_000_000);
        long proofs = options.Long("proofs", 100_000);
        long seed = options.Long("seed", 20240601);
        if (leaves < 1 || proofs < 0)
        {
            Console.Error.WriteLine($"merkle: need --leaves >= 1 and --proofs >= 0\n{Usage}");
            return 2;
        }

        Build(Math.Min(leaves, 50_000), new MemoryLeafHashStore()).Dispose(); // warm-up: JIT tiers, not measured
        double sha256PerSecond = Sha256Baseline(2_000_000);

        string file = Path.Combine(Path.GetTempPath(), $"merkle-bench-{Guid.NewGuid():N}.leaves");
        var leafFile = store == "file" ? StreamLeafHashStore.Create(file) : null;
        try
        {
            return Measure(leaves, proofs, seed, store, sha256PerSecond, (ILeafHashStore?)leafFile ?? new MemoryLeafHashStore());
        }
        finally
        {
            leafFile?.Dispose();
            File.Delete(file);
        }
    }

    private static int Measure(long leaves, long proofs, long seed, string store, double sha256PerSecond, ILeafHashStore leafStore)
    {
        var build = Stopwatch.StartNew();
        using var builder = Build(leaves, leafStore);
        build.Stop();
        var root = builder.Root;
        Console.Error.WriteLine($"merkle: {leaves:N0} leaves in {build.Elapsed.TotalSeconds:F2} s, root {root}");

        var random = new Random(unchecked((int)seed));
        var verify = Stopwatch.StartNew();
        long verified = 0;
        for (long i = 0; i < proofs; i++)
        {
            var proof = builder.ProveInclusion(random.NextInt64(leaves));
            if (MerkleVerifier.VerifyInclusion(proof, root)) verified++;
        }
        verify.Stop();
        if (verified != proofs)
        {
            Console.Error.WriteLine($"merkle: {proofs - verified} of {proofs} proofs FAILED to verify");
            return 1;
        }

        double leavesPerSecond = leaves / build.Elapsed.TotalSeconds;
        JsonLine.Write(w =>
        {
            w.WriteNumber("leaves", leaves);
            w.WriteNumber("leaves_per_second", Math.Round(leavesPerSecond));
            w.WriteNumber("proofs_verified_per_second", Math.Round(proofs / verify.Elapsed.TotalSeconds));
            w.WriteNumber("proofs", proofs);
            w.WriteNumber("baseline_sha256_64b_per_second", Math.Round(sha256PerSecond));
            w.WriteNumber("leaves_per_baseline_hash", Math.Round(leavesPerSecond / sha256PerSecond, 3));
            w.WriteString("hash_backend", MerkleTreeBuilder.HashBackend);
            w.WriteString("leaf_store", store);
            w.WriteNumber("managed_heap_mb", Math.Round(GC.GetTotalMemory(forceFullCollection: false) / 1048576.0, 1));
            w.WriteString("root", root.ToString());
        });
        return 0;
    }

    /// <summary>Appends synthetic visit events, formatted in place so event creation does not dominate.</summary>
    private static MerkleTreeBuilder Build(long leaves, ILeafHashStore leafStore)
    {
        var builder = new MerkleTreeBuilder(leafStore, new CryptoNonceSource());
        Span<byte> @event = stackalloc byte[128];
        Span<byte> nonce = stackalloc byte[32];
        for (long i = 0; i < leaves; i++)
        {
            Utf8.TryWrite(@event, $"{{\"event\":\"visit\",\"seq\":{i},\"site\":\"S{i % 40:D2}\",\"subject\":\"P{i % 5000:D5}\"}}", out int length);
            builder.AppendEvent(@event[..length], nonce);
        }
        return builder;
    }

    /// <summary>The BCL's one-shot SHA-256 of 64-byte inputs: what plain .NET code would do per hash.</summary>
    private static double Sha256Baseline(int count)
    {
        Span<byte> input = stackalloc byte[64];
        Span<byte> output = stackalloc byte[32];
        RandomNumberGenerator.Fill(input);
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            SHA256.HashData(input, output);
            input[0] ^= output[0]; // chain so the work cannot be hoisted
        }
        return count / watch.Elapsed.TotalSeconds;
    }
}

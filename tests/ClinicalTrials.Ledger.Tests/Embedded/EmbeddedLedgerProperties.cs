using ClinicalTrials.Ledger.Embedded;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static ClinicalTrials.Ledger.Tests.Embedded.TestData;

namespace ClinicalTrials.Ledger.Tests.Embedded;

/// <summary>
/// Any single-entry edit (one byte changed), removal or swap in a random valid ledger is detected,
/// and a problem names the entry concerned (by line or sequence number).
/// </summary>
public sealed class EmbeddedLedgerProperties
{
    private static readonly Arbitrary<int> Seeds = Gen.Choose(int.MinValue, int.MaxValue).ToArbitrary();

    private sealed record Built(LedgerHarness Harness, List<string> Lines, LedgerReceipt Last) : IDisposable
    {
        public void Dispose() => Harness.Dispose();
    }

    private static Built Build(Random random)
    {
        var h = new LedgerHarness(durable: false);
        var last = RandomLedger.FillAsync(h.Ledger, random, random.Next(2, 16)).GetAwaiter().GetResult();
        h.Close();
        var lines = ReadLines(h.Path);
        Assert.True(h.Verify().IsValid);
        return new Built(h, lines, last);
    }

    [Property(MaxTest = 150)]
    public Property AnyOneByteEditIsDetectedAtItsLine() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        using var built = Build(random);
        var lines = built.Lines;
        int k = random.Next(lines.Count);
        string line = lines[k];
        int at = random.Next(line.Length);
        char replacement;
        do replacement = (char)random.Next(0x20, 0x7f); while (replacement == line[at]);
        lines[k] = line[..at] + replacement + line[(at + 1)..];
        WriteLines(built.Harness.Path, lines);

        var all = built.Harness.Verify(SignatureCheck.All);
        bool namedByAll = !all.IsValid && all.Problems.Any(p => p.Line == k + 1);

        // Checking only the head's signature misses exactly one thing: a damaged signature of an
        // entry that is not the last (its content is still vouched for by the chain).
        int signatureValue = line.LastIndexOf("\"value\":\"", StringComparison.Ordinal) + 9;
        bool inEarlierSignature = k < lines.Count - 1 && at >= signatureValue && at < line.Length - 3;
        var head = built.Harness.Verify(SignatureCheck.Head);
        bool namedByHead = inEarlierSignature || (!head.IsValid && head.Problems.Any(p => p.Line == k + 1));

        return (namedByAll && namedByHead).Label($"line {k + 1} byte {at} '{line[at]}'→'{replacement}': all={all} head={head}");
    });

    [Property(MaxTest = 100)]
    public Property AnyRemovedEntryIsDetectedAndNamed() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        using var built = Build(random);
        var lines = built.Lines;
        int k = random.Next(lines.Count);
        lines.RemoveAt(k);
        WriteLines(built.Harness.Path, lines);

        // Removing the last entry leaves a valid shorter chain; the latest receipt is what shows it.
        bool last = k == lines.Count;
        var detected = new[] { SignatureCheck.All, SignatureCheck.Head }.Select(s => built.Harness.Verify(s, last ? built.Last : null)).ToArray();
        return detected.All(r => !r.IsValid && r.Problems.Any(p => p.Sequence == k))
            .Label($"removed entry {k} of {lines.Count + 1}: {detected[0]}");
    });

    [Property(MaxTest = 100)]
    public Property AnySwapIsDetectedAndNamed() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        using var built = Build(random);
        var lines = built.Lines;
        int i = random.Next(lines.Count - 1);
        int j = random.Next(i + 1, lines.Count);
        (lines[i], lines[j]) = (lines[j], lines[i]);
        WriteLines(built.Harness.Path, lines);

        var reports = new[] { SignatureCheck.All, SignatureCheck.Head }.Select(s => built.Harness.Verify(s)).ToArray();
        return reports.All(r => !r.IsValid && r.Problems.Any(p => p.Sequence == i || p.Sequence == j || p.Line == i + 1 || p.Line == j + 1))
            .Label($"swapped entries {i} and {j}: {reports[0]}");
    });
}

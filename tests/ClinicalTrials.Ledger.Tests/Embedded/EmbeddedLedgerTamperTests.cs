using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Ledger.Embedded;
using static ClinicalTrials.Ledger.Tests.Embedded.TamperTools;
using static ClinicalTrials.Ledger.Tests.Embedded.TestData;

namespace ClinicalTrials.Ledger.Tests.Embedded;

/// <summary>Each way of tampering with the file is detected, and the problem names the entry and line.</summary>
public sealed class EmbeddedLedgerTamperTests : IDisposable
{
    private readonly LedgerHarness _h = new();
    private readonly List<string> _lines;
    private readonly LedgerReceipt _last;

    public EmbeddedLedgerTamperTests()
    {
        // Entries: 0 genesis, 1 register, 2 site key, 3..9 anchors.
        _h.RegisterTrialWithSiteAsync().GetAwaiter().GetResult();
        LedgerReceipt last = null!;
        for (int i = 3; i <= 9; i++)
        {
            last = (i % 2 == 0 ? _h.Sponsor.AnchorAsync(Trial, AnchorKind.AggregateBatch, Hash($"root {i}"), i)
                              : _h.As("site:1").AnchorAsync(Trial, AnchorKind.ConsentBatch, Hash($"root {i}"), i)).GetAwaiter().GetResult();
        }
        _last = last;
        _h.Close();
        _lines = ReadLines(_h.Path);
        Assert.Equal(10, _lines.Count);
        Assert.True(_h.Verify().IsValid);
    }

    public void Dispose() => _h.Dispose();

    private EmbeddedLedgerReport Tampered(List<string> lines, SignatureCheck signatures = SignatureCheck.All, LedgerReceipt? latest = null)
    {
        WriteLines(_h.Path, lines);
        return _h.Verify(signatures, latest);
    }

    private void AssertOpenRefused(EmbeddedLedgerProblemKind kind)
    {
        var error = Assert.Throws<EmbeddedLedgerCorruptException>(_h.Open);
        Assert.Contains(error.Report.Problems, p => p.Kind == kind);
    }

    [Fact]
    public void EditedByteInAFieldIsAHashMismatchAtThatEntry()
    {
        string line = _lines[5];
        int at = line.IndexOf("\"root\":\"sha256:", StringComparison.Ordinal) + 20;
        _lines[5] = line[..at] + (line[at] == '0' ? '1' : '0') + line[(at + 1)..];

        var problem = Assert.Single(Tampered(_lines).Problems);
        Assert.Equal(EmbeddedLedgerProblemKind.HashMismatch, problem.Kind);
        Assert.Equal(6, problem.Line);
        Assert.Equal(5, problem.Sequence);
        Assert.Contains("entry 5 (line 6) was altered", problem.Message);
        AssertOpenRefused(EmbeddedLedgerProblemKind.HashMismatch);
    }

    [Fact]
    public void EditedAccountIsDetectedEvenThoughTheLineStillParses()
    {
        Assert.Contains("\"account\":\"site:1\"", _lines[3]);
        _lines[3] = _lines[3].Replace("\"account\":\"site:1\"", "\"account\":\"site:2\"", StringComparison.Ordinal);
        var problem = Assert.Single(Tampered(_lines).Problems);
        Assert.Equal((EmbeddedLedgerProblemKind.HashMismatch, 4, 3L), (problem.Kind, problem.Line, problem.Sequence));
    }

    [Fact]
    public void RemovedEntryIsAGapNamingIt()
    {
        _lines.RemoveAt(4);
        var problem = Assert.Single(Tampered(_lines).Problems);
        Assert.Equal(EmbeddedLedgerProblemKind.MissingEntries, problem.Kind);
        Assert.Equal(4, problem.Sequence);
        Assert.Equal(5, problem.Line);
        Assert.Contains("entry 4 is missing before entry 5 (line 5)", problem.Message);
        AssertOpenRefused(EmbeddedLedgerProblemKind.MissingEntries);
    }

    [Fact]
    public void RemovedRunOfEntriesIsOneGap()
    {
        _lines.RemoveRange(3, 3);
        var problem = Assert.Single(Tampered(_lines).Problems);
        Assert.Equal((EmbeddedLedgerProblemKind.MissingEntries, 3L), (problem.Kind, problem.Sequence));
        Assert.Contains("entries 3 to 5 are missing", problem.Message);
    }

    [Fact]
    public void RemovedGenesisIsNamed()
    {
        _lines.RemoveAt(0);
        var report = Tampered(_lines);
        Assert.Contains(report.Problems, p => p.Kind == EmbeddedLedgerProblemKind.MissingGenesis);
        Assert.Contains(report.Problems, p => p.Kind == EmbeddedLedgerProblemKind.MissingEntries && p.Sequence == 0);
    }

    [Fact]
    public void RemovedLastEntryNeedsTheLatestReceiptToBeSeen()
    {
        _lines.RemoveAt(9);
        // The file alone is a valid shorter ledger: a chain cannot know what came after its end.
        Assert.True(Tampered(_lines).IsValid);

        var problem = Assert.Single(Tampered(_lines, latest: _last).Problems);
        Assert.Equal(EmbeddedLedgerProblemKind.ReceiptMismatch, problem.Kind);
        Assert.Equal(9, problem.Sequence);
        Assert.Contains("the chain ends at entry 8 (line 9)", problem.Message);
    }

    [Fact]
    public void ForgedEntryInsertedWithAnotherKeyIsNamed()
    {
        using var forger = Key("forger");
        var entry4 = Decode(_lines[4]);
        string forged = Encode(5, "site:1", new AnchorOperation(Trial, AnchorKind.ConsentBatch, Hash("forged"), 1), entry4.Hash, forger);
        _lines.Insert(5, forged);

        var problem = Assert.Single(Tampered(_lines).Problems);
        Assert.Equal(EmbeddedLedgerProblemKind.InsertedEntry, problem.Kind);
        Assert.Equal(6, problem.Line);
        Assert.Equal(5, problem.Sequence);
        Assert.Contains("line 6 claims to be entry 5, which is at line 7", problem.Message);
        Assert.Contains(forger.KeyId, problem.Message);
        AssertOpenRefused(EmbeddedLedgerProblemKind.InsertedEntry);
    }

    [Fact]
    public void ForgedEntryClaimingTheLedgerKeyIsNamedByItsSignature()
    {
        using var forger = Key("forger");
        var entry4 = Decode(_lines[4]);
        string forged = Encode(5, "site:1", new AnchorOperation(Trial, AnchorKind.ConsentBatch, Hash("forged"), 1), entry4.Hash, forger);
        forged = Set(forged, n => n["signature"]!["key_id"] = _h.Key.KeyId);
        _lines.Insert(6, forged);

        var problem = Assert.Single(Tampered(_lines, SignatureCheck.Head).Problems);
        Assert.Equal((EmbeddedLedgerProblemKind.InsertedEntry, 7, 5L), (problem.Kind, problem.Line, problem.Sequence));
        Assert.Contains("signature does not verify", problem.Message);
    }

    [Fact]
    public void ForgedEntryAppendedAtTheEndIsCaughtByTheHeadSignature()
    {
        using var forger = Key("forger");
        string forged = Encode(10, Sponsor, new AnchorOperation(Trial, AnchorKind.Result, Hash("forged result"), 1), Decode(_lines[9]).Hash, forger);

        var foreign = Assert.Single(Tampered([.. _lines, forged], SignatureCheck.Head).Problems);
        Assert.Equal((EmbeddedLedgerProblemKind.ForeignKey, 11, 10L), (foreign.Kind, foreign.Line, foreign.Sequence));

        forged = Set(forged, n => n["signature"]!["key_id"] = _h.Key.KeyId);
        var bad = Assert.Single(Tampered([.. _lines, forged], SignatureCheck.Head).Problems);
        Assert.Equal((EmbeddedLedgerProblemKind.BadSignature, 11, 10L), (bad.Kind, bad.Line, bad.Sequence));
        AssertOpenRefused(EmbeddedLedgerProblemKind.BadSignature);
    }

    [Fact]
    public void SwappedNeighboursAreReordered()
    {
        (_lines[3], _lines[4]) = (_lines[4], _lines[3]);
        var problem = Assert.Single(Tampered(_lines).Problems);
        Assert.Equal(EmbeddedLedgerProblemKind.Reordered, problem.Kind);
        Assert.Contains(problem.Sequence, new long?[] { 3, 4 });
        Assert.Contains("out of order", problem.Message);
        AssertOpenRefused(EmbeddedLedgerProblemKind.Reordered);
    }

    [Fact]
    public void SwappedDistantEntriesAreBothNamed()
    {
        (_lines[2], _lines[7]) = (_lines[7], _lines[2]);
        var problems = Tampered(_lines).Problems;
        Assert.All(problems, p => Assert.Equal(EmbeddedLedgerProblemKind.Reordered, p.Kind));
        Assert.Equal([2L, 7L], problems.Select(p => p.Sequence!.Value).Order());
        Assert.Equal([3, 8], problems.Select(p => p.Line!.Value).Order());
    }

    [Fact]
    public void LedgerResignedWithAnotherKeyIsAForeignKeyAtGenesis()
    {
        using var attacker = Key("attacker");
        var resigned = ResignEverything(_lines, attacker);

        var problem = Assert.Single(Tampered(resigned).Problems);
        Assert.Equal((EmbeddedLedgerProblemKind.ForeignKey, 1, 0L), (problem.Kind, problem.Line, problem.Sequence));
        Assert.Contains(attacker.KeyId, problem.Message);
        Assert.Contains("re-signed", problem.Message);

        // Without an expected key the file is merely self-consistent, and the report says so.
        var unchecked_ = EmbeddedLedgerVerifier.Verify(_h.Path);
        Assert.True(unchecked_.IsValid);
        Assert.False(unchecked_.KeyTrusted);
        Assert.Equal(attacker.KeyId, unchecked_.KeyId);
        Assert.Single(EmbeddedLedgerVerifier.Verify(_h.Path, _h.Key.KeyId).Problems);
        AssertOpenRefused(EmbeddedLedgerProblemKind.ForeignKey);
    }

    [Fact]
    public void OneEntryResignedWithAnotherKeyIsNamed()
    {
        using var attacker = Key("attacker");
        _lines[6] = Resign(_lines[6], attacker);
        foreach (var signatures in new[] { SignatureCheck.All, SignatureCheck.Head })
        {
            var problem = Assert.Single(Tampered(_lines, signatures).Problems);
            Assert.Equal((EmbeddedLedgerProblemKind.ForeignKey, 7, 6L), (problem.Kind, problem.Line, problem.Sequence));
            Assert.Contains(attacker.KeyId, problem.Message);
        }
    }

    [Fact]
    public void EditedEntryWithRecomputedHashBreaksItsSignatureAndTheNextLink()
    {
        var entry = Decode(_lines[5]);
        var edited = entry with { Operation = ((AnchorOperation)entry.Operation) with { LeafCount = 999 } };
        using var attacker = Key("attacker");
        // Re-encoded with the right hash but, lacking the key, the original signature kept.
        string rehashed = Encode(edited, entry.Previous, attacker);
        string originalSignature = System.Text.Json.Nodes.JsonNode.Parse(_lines[5])!["signature"]!.ToJsonString();
        _lines[5] = Set(rehashed, n => n["signature"] = System.Text.Json.Nodes.JsonNode.Parse(originalSignature));

        var all = Tampered(_lines).Problems;
        Assert.Equal(2, all.Count);
        Assert.Equal((EmbeddedLedgerProblemKind.BadSignature, 6, 5L), (all[0].Kind, all[0].Line, all[0].Sequence));
        Assert.Equal((EmbeddedLedgerProblemKind.BrokenLink, 7, 6L), (all[1].Kind, all[1].Line, all[1].Sequence));
        Assert.Contains("does not follow entry 5 (line 6)", all[1].Message);

        // Checking only the head's signature still sees the broken link.
        var head = Assert.Single(Tampered(_lines, SignatureCheck.Head).Problems);
        Assert.Equal(EmbeddedLedgerProblemKind.BrokenLink, head.Kind);
    }

    [Fact]
    public void DamagedSignatureAloneIsFoundByCheckingAllSignaturesOnly()
    {
        _lines[4] = Set(_lines[4], n =>
        {
            string value = n["signature"]!["value"]!.GetValue<string>();
            n["signature"]!["value"] = (value[0] == 'A' ? "B" : "A") + value[1..];
        });
        var problem = Assert.Single(Tampered(_lines).Problems);
        Assert.Equal((EmbeddedLedgerProblemKind.BadSignature, 5, 4L), (problem.Kind, problem.Line, problem.Sequence));

        // Documented trade-off: the content is still vouched for by the hash chain and the head's signature.
        Assert.True(Tampered(_lines, SignatureCheck.Head).IsValid);
    }

    [Fact]
    public void DamagedLineIsNamedByLineNumber()
    {
        _lines[4] = "{\"entry\": not json";
        var problems = Tampered(_lines).Problems;
        Assert.Equal(2, problems.Count);
        Assert.Equal(EmbeddedLedgerProblemKind.DamagedLine, problems[0].Kind);
        Assert.Equal(5, problems[0].Line);
        Assert.StartsWith("line 5 is damaged: not JSON", problems[0].Message);
        Assert.Equal((EmbeddedLedgerProblemKind.MissingEntries, 4L), (problems[1].Kind, problems[1].Sequence));
        AssertOpenRefused(EmbeddedLedgerProblemKind.DamagedLine);
    }

    [Fact]
    public void LineThatIsJsonButNotAnEntryIsDamaged()
    {
        _lines[3] = Set(_lines[3], n => n["entry"]!["extra"] = 1);
        _lines[5] = Set(_lines[5], n => n["hash"] = n["hash"]!.GetValue<string>().ToUpperInvariant().Replace("SHA256", "sha256", StringComparison.Ordinal));
        _lines[7] = "";
        var damaged = Tampered(_lines).Problems.Where(p => p.Kind == EmbeddedLedgerProblemKind.DamagedLine).ToArray();
        Assert.Equal([4, 6, 8], damaged.Select(p => p.Line!.Value));
        Assert.Contains("unexpected member 'extra'", damaged[0].Message);
        Assert.Contains("64 lowercase hex digits", damaged[1].Message);
        Assert.Contains("empty line", damaged[2].Message);
    }

    [Fact]
    public void TruncatedLastLineIsNamed()
    {
        File.WriteAllText(_h.Path, string.Concat(_lines.Take(9).Select(l => l + "\n")) + _lines[9][..50]);
        var problem = Assert.Single(_h.Verify().Problems);
        Assert.Equal((EmbeddedLedgerProblemKind.TruncatedLine, 10), (problem.Kind, problem.Line));
    }

    [Fact]
    public void EntryTheKeyHolderShouldNotHaveWrittenIsARuleViolation()
    {
        string rogue = Encode(10, "stranger", new AnchorOperation(Trial, AnchorKind.Result, Hash("rogue"), 1), Decode(_lines[9]).Hash, _h.Key);
        var problem = Assert.Single(Tampered([.. _lines, rogue]).Problems);
        Assert.Equal((EmbeddedLedgerProblemKind.RuleViolation, 11, 10L), (problem.Kind, problem.Line, problem.Sequence));
        Assert.Contains("kind Result may only be anchored by the sponsor", problem.Message);
    }

    [Fact]
    public void EveryProblemIsListedNotJustTheFirst()
    {
        using var attacker = Key("attacker");
        _lines[2] = _lines[2].Replace("site:1", "site:X", StringComparison.Ordinal);
        _lines[5] = Resign(_lines[5], attacker);
        _lines.RemoveAt(7);
        var report = Tampered(_lines);
        Assert.Equal(
            [(EmbeddedLedgerProblemKind.HashMismatch, 3), (EmbeddedLedgerProblemKind.ForeignKey, 6), (EmbeddedLedgerProblemKind.MissingEntries, 8)],
            report.Problems.Select(p => (p.Kind, p.Line!.Value)));
        Assert.Contains("3 problem(s)", report.ToString());
    }

    [Theory]
    [InlineData("\"seq\":5", "\"seq\":5.0", "entry.seq is not written as a plain integer")]
    [InlineData("\"seq\":5", "\"seq\":05", "not JSON")]
    [InlineData("\"seq\":5", "\"seq\":-5", "entry.seq is negative")]
    [InlineData("\"seq\":5", "\"seq\":\"5\"", "entry.seq is not a number")]
    [InlineData("\"time\":\"2025-03-01T09:00:00.", "\"time\":\"2025-03-01 09:00:00.", "entry.time is not a UTC time")]
    [InlineData("\"prev\":\"sha256:", "\"prev\":\"\\u0073ha256:", "entry.prev is written with escapes")]
    [InlineData("\"kind\":\"ConsentBatch\"", "\"kind\":0", "args.kind 0 is not an anchor kind")]
    [InlineData("\"kind\":\"ConsentBatch\"", "\"kind\":\"consentbatch\"", "is not an anchor kind")]
    [InlineData("\"op\":\"anchor\"", "\"op\":\"anchor2\"", "entry.op 'anchor2' is not an operation")]
    [InlineData("\"alg\":\"Ed25519\"", "\"alg\":\"ed25519\"", "signature.alg is not 'Ed25519'")]
    public void AnotherSpellingOfAFieldIsADamagedLine(string original, string replacement, string message)
    {
        Assert.Contains(original, _lines[5]);
        _lines[5] = _lines[5].Replace(original, replacement, StringComparison.Ordinal);
        var damaged = Assert.Single(Tampered(_lines).Problems, p => p.Kind == EmbeddedLedgerProblemKind.DamagedLine);
        Assert.Equal(6, damaged.Line);
        Assert.Contains(message, damaged.Message);
    }

    [Fact]
    public void SignatureTextThatIsNotCanonicalBase64UrlIsAMalformedSignature()
    {
        _lines[3] = Set(_lines[3], n => n["signature"]!["value"] = n["signature"]!["value"]!.GetValue<string>() + "==");
        var problem = Assert.Single(Tampered(_lines).Problems);
        Assert.Equal((EmbeddedLedgerProblemKind.BadSignature, 4, 3L), (problem.Kind, problem.Line, problem.Sequence));
        Assert.Contains("malformed", problem.Message);
    }

    [Fact]
    public void ReformattedButEquivalentLineStillVerifies()
    {
        // Whitespace and member order are not content: the hash is over the canonical form.
        var node = System.Text.Json.Nodes.JsonNode.Parse(_lines[4])!.AsObject();
        _lines[4] = node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings(" ");
        Assert.True(Tampered(_lines).IsValid);
    }
}

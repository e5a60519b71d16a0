using System.Collections.Concurrent;
using ClinicalTrials.Core.Signing;

namespace ClinicalTrials.Ledger.Embedded;

/// <summary>
/// Verifies a ledger file's bytes and replays its state. Lines are decoded and hashed in
/// parallel (independent work); then, in one sequential pass, the chain is reconstructed from
/// sequence numbers and hash links so that each kind of tampering is named: a duplicate
/// sequence is an insertion, an entry outside the longest increasing run of sequence numbers
/// is a reordering (if authentic) or an insertion (if not), a sequence gap is a removal, a
/// content/hash disagreement is an edit, a previous-hash disagreement is a broken link.
/// </summary>
internal sealed class VerificationEngine
{
    private const int ChunkSize = 512;

    private readonly string _path;
    private readonly string _ledgerName;
    private readonly SignatureCheck _mode;
    private readonly List<EmbeddedLedgerProblem> _problems = [];
    private List<LedgerEntry> _entries = [];
    private SignatureState[] _signatures = [];
    private VerificationKey? _ledgerKey;
    private KeyRing? _ring;
    private long _signaturesVerified;

    private enum SignatureState : byte { Unchecked, Valid, Bad, Foreign, Malformed }

    private VerificationEngine(string path, SignatureCheck mode)
    {
        _path = path;
        _ledgerName = EmbeddedLedger.NameFor(path);
        _mode = mode;
    }

    public static VerificationOutcome Run(string path, byte[] bytes, KeyExpectation expected, SignatureCheck mode, LedgerReceipt? latestReceipt) =>
        new VerificationEngine(path, mode).Verify(bytes, expected, latestReceipt);

    private VerificationOutcome Verify(byte[] bytes, KeyExpectation expected, LedgerReceipt? latestReceipt)
    {
        var lines = SplitLines(bytes, out bool incompleteLast);
        var decoded = DecodeAll(bytes, lines);
        CollectEntries(decoded, incompleteLast);

        var genesis = FindGenesis(expected, out bool keyTrusted);
        _signatures = new SignatureState[_entries.Count];
        if (_mode == SignatureCheck.All && _ring is not null) CheckAllSignatures();
        else if (_ledgerKey is not null) MarkForeignKeyIds();
        if (genesis is not null) Signature(_entries.FindIndex(e => ReferenceEquals(e, genesis)));

        // Chain: entries that belong to it, sorted by sequence number, each number once.
        int[] chain;
        if (StrictlyIncreasing())
        {
            // The usual case: no duplicate and nothing out of order, so no resolution is needed.
            chain = new int[_entries.Count];
            for (int i = 0; i < chain.Length; i++) chain[i] = i;
        }
        else
        {
            var inserted = ResolveDuplicates();
            ResolveOrder(inserted);
            chain = Enumerable.Range(0, _entries.Count).Where(i => !inserted[i]).OrderBy(i => _entries[i].Sequence).ToArray();
        }

        ReportGaps(chain);
        ReportLinksAndHashes(chain);
        int? head = chain.Length > 0 ? chain[^1] : null;
        if (head is { } h) Signature(h);
        ReportSignatures(chain);
        if (latestReceipt is not null) CheckReceipt(latestReceipt, chain, head);
        var state = new LedgerState();
        if (genesis is not null) Replay(chain, state);

        var problems = _problems
            .OrderBy(p => p.Line ?? int.MaxValue)
            .ThenBy(p => p.Sequence ?? long.MaxValue)
            .ThenBy(p => p.Kind)
            .ToArray();
        var headEntry = head is { } hi ? _entries[hi] : null;
        var report = new EmbeddedLedgerReport(_path, _ledgerName, lines.Count, chain.Length, _ledgerKey?.KeyId, keyTrusted, _mode,
            _signaturesVerified, headEntry?.Sequence, headEntry?.Hash, problems);
        return new VerificationOutcome(report, state);
    }

    private bool StrictlyIncreasing()
    {
        for (int i = 1; i < _entries.Count; i++)
            if (_entries[i].Sequence <= _entries[i - 1].Sequence) return false;
        return true;
    }

    private static List<(int Start, int Length)> SplitLines(byte[] bytes, out bool incompleteLast)
    {
        var lines = new List<(int, int)>(bytes.Length / 400 + 1);
        int start = 0;
        while (start < bytes.Length)
        {
            int end = bytes.AsSpan(start).IndexOf((byte)'\n');
            if (end < 0)
            {
                lines.Add((start, bytes.Length - start));
                incompleteLast = true;
                return lines;
            }
            lines.Add((start, end));
            start += end + 1;
        }
        incompleteLast = false;
        return lines;
    }

    private static DecodeResult[] DecodeAll(byte[] bytes, List<(int Start, int Length)> lines)
    {
        var results = new DecodeResult[lines.Count];
        Parallel.ForEach(Partitioner.Create(0, lines.Count, ChunkSize), () => new EntryDecoder(), (range, _, decoder) =>
        {
            for (int i = range.Item1; i < range.Item2; i++)
                results[i] = decoder.Decode(bytes.AsMemory(lines[i].Start, lines[i].Length), i + 1);
            return decoder;
        }, _ => { });
        return results;
    }

    private void CollectEntries(DecodeResult[] decoded, bool incompleteLast)
    {
        _entries = new List<LedgerEntry>(decoded.Length);
        for (int i = 0; i < decoded.Length; i++)
        {
            int line = i + 1;
            if (incompleteLast && i == decoded.Length - 1)
            {
                Add(EmbeddedLedgerProblemKind.TruncatedLine, line, decoded[i].Entry?.Sequence,
                    decoded[i].Entry is null
                        ? $"line {line} is incomplete: it has no end of line and is not a whole entry (the writer stopped while appending it); EmbeddedLedger.RepairTruncatedTail removes it, keeping its bytes in a side file"
                        : $"line {line} has no end of line: the append of entry {decoded[i].Entry!.Sequence} was cut short and never confirmed; EmbeddedLedger.RepairTruncatedTail removes it, keeping its bytes in a side file");
                continue;
            }
            if (decoded[i].Entry is { } entry) _entries.Add(entry);
            else Add(EmbeddedLedgerProblemKind.DamagedLine, line, null, $"line {line} is damaged: {decoded[i].Error}");
        }
    }

    private LedgerEntry? FindGenesis(KeyExpectation expected, out bool keyTrusted)
    {
        keyTrusted = false;
        var genesis = _entries.FirstOrDefault(e => e.Sequence == 0 && e.Operation is GenesisOperation);
        if (genesis is null)
        {
            // A file whose only line was cut short is a ledger whose genesis was never completed: the truncation says it all.
            if (_entries.Count > 0 || !_problems.Any(p => p.Kind == EmbeddedLedgerProblemKind.TruncatedLine))
                Add(EmbeddedLedgerProblemKind.MissingGenesis, _entries.Count > 0 ? _entries[0].Line : null, 0,
                    "there is no genesis entry 0 recording the ledger's public key");
            _ledgerKey = expected.Key;
        }
        else
        {
            var op = (GenesisOperation)genesis.Operation;
            try
            {
                _ledgerKey = VerificationKey.FromRaw(op.PublicKey);
            }
            catch (KeyFormatException e)
            {
                Add(EmbeddedLedgerProblemKind.DamagedLine, genesis.Line, 0, $"entry 0 (line {genesis.Line}): its public key is unusable: {e.Message}");
                _ledgerKey = expected.Key;
            }
            if (_ledgerKey is not null && op.KeyId != _ledgerKey.KeyId && expected.Key is null)
                Add(EmbeddedLedgerProblemKind.DamagedLine, genesis.Line, 0, $"entry 0 (line {genesis.Line}): key id {op.KeyId} does not belong to its public key ({_ledgerKey.KeyId})");
            if (op.Format != EntryCodec.Format)
                Add(EmbeddedLedgerProblemKind.DamagedLine, genesis.Line, 0, $"entry 0 (line {genesis.Line}): format '{op.Format}' is not '{EntryCodec.Format}'");
            if (_ledgerKey is not null && expected.IsSet)
            {
                keyTrusted = expected.Matches(_ledgerKey);
                if (!keyTrusted)
                    Add(EmbeddedLedgerProblemKind.ForeignKey, genesis.Line, 0,
                        $"entry 0 (line {genesis.Line}) records the ledger key {_ledgerKey.KeyId}, but the expected key is {expected.Describe}: this is another ledger, or it was re-signed");
            }
        }
        _ring = _ledgerKey is null ? null : new KeyRing([_ledgerKey]);
        return genesis;
    }

    private void CheckAllSignatures()
    {
        long verified = 0;
        Parallel.ForEach(Partitioner.Create(0, _entries.Count, ChunkSize), range =>
        {
            long local = 0;
            for (int i = range.Item1; i < range.Item2; i++)
            {
                _signatures[i] = Compute(_entries[i], out bool crypto);
                if (crypto) local++;
            }
            Interlocked.Add(ref verified, local);
        });
        _signaturesVerified += verified;
    }

    /// <summary>A key id other than the ledger's needs no cryptography to be refused, so every mode checks it.</summary>
    private void MarkForeignKeyIds()
    {
        for (int i = 0; i < _entries.Count; i++)
            if (_entries[i].KeyId != _ledgerKey!.KeyId) _signatures[i] = SignatureState.Foreign;
    }

    /// <summary>The signature state of entry <paramref name="index"/>, checking it now if not yet checked.</summary>
    private SignatureState Signature(int index)
    {
        if (index < 0) return SignatureState.Unchecked;
        if (_signatures[index] == SignatureState.Unchecked && _ring is not null)
        {
            _signatures[index] = Compute(_entries[index], out bool crypto);
            if (crypto) _signaturesVerified++;
        }
        return _signatures[index];
    }

    private SignatureState Compute(LedgerEntry entry, out bool crypto)
    {
        crypto = false;
        if (entry.KeyId != _ledgerKey!.KeyId) return SignatureState.Foreign;
        crypto = true;
        return EntryCodec.VerifySignature(entry, _ring!) switch
        {
            VerificationStatus.Valid => SignatureState.Valid,
            VerificationStatus.BadSignature => SignatureState.Bad,
            VerificationStatus.UnknownKey => SignatureState.Foreign,
            _ => SignatureState.Malformed,
        };
    }

    /// <summary>
    /// Two lines with one sequence number: the one that is signed, linked to by its successor,
    /// intact and linked to its predecessor is the chain's; the others were inserted.
    /// </summary>
    private bool[] ResolveDuplicates()
    {
        var inserted = new bool[_entries.Count];
        var first = new Dictionary<long, int>(_entries.Count);
        Dictionary<long, List<int>>? groups = null;
        for (int i = 0; i < _entries.Count; i++)
        {
            long sequence = _entries[i].Sequence;
            if (first.TryAdd(sequence, i)) continue;
            groups ??= [];
            if (!groups.TryGetValue(sequence, out var group)) groups[sequence] = group = [first[sequence]];
            group.Add(i);
        }
        if (groups is null) return inserted;

        IEnumerable<int> Candidates(long sequence) =>
            groups.TryGetValue(sequence, out var g) ? g : first.TryGetValue(sequence, out int only) ? [only] : [];

        int Score(int i)
        {
            var e = _entries[i];
            bool signed = Signature(i) == SignatureState.Valid;
            bool linkedBySuccessor = Candidates(e.Sequence + 1).Any(j => _entries[j].Previous == e.Hash);
            bool linksToPredecessor = e.Sequence == 0
                ? e.Previous == EntryCodec.ZeroHash
                : Candidates(e.Sequence - 1).Any(j => _entries[j].Hash == e.Previous);
            return (signed ? 8 : 0) + (linkedBySuccessor ? 4 : 0) + (e.HashMatches ? 2 : 0) + (linksToPredecessor ? 1 : 0);
        }

        foreach (var (sequence, group) in groups)
        {
            int genuine = group.OrderByDescending(Score).ThenBy(i => _entries[i].Line).First();
            foreach (int i in group.Where(i => i != genuine))
            {
                inserted[i] = true;
                var e = _entries[i];
                Add(EmbeddedLedgerProblemKind.InsertedEntry, e.Line, sequence,
                    $"line {e.Line} claims to be entry {sequence}, which is at line {_entries[genuine].Line}; it is not part of the chain ({Doubts(i)}): an inserted entry");
            }
        }
        return inserted;
    }

    /// <summary>
    /// Entries outside the longest strictly increasing run of sequence numbers (in file order) are
    /// out of place: reordered if authentic, inserted if not.
    /// </summary>
    private void ResolveOrder(bool[] inserted)
    {
        var order = Enumerable.Range(0, _entries.Count).Where(i => !inserted[i]).ToArray();
        var inRun = LongestIncreasingRun(order);
        var chainHashes = new Dictionary<long, LedgerEntry>(order.Length);
        foreach (int i in order) chainHashes[_entries[i].Sequence] = _entries[i];

        for (int k = 0; k < order.Length; k++)
        {
            if (inRun[k]) continue;
            int i = order[k];
            var e = _entries[i];
            bool links = e.Sequence == 0
                ? e.Previous == EntryCodec.ZeroHash
                : chainHashes.TryGetValue(e.Sequence - 1, out var before) && before.Hash == e.Previous;
            bool authentic = e.HashMatches && links && Signature(i) is SignatureState.Valid or SignatureState.Unchecked;
            if (authentic)
            {
                string after = chainHashes.TryGetValue(e.Sequence - 1, out var p) ? $"; it belongs after entry {p.Sequence} at line {p.Line}" : "";
                Add(EmbeddedLedgerProblemKind.Reordered, e.Line, e.Sequence, $"entry {e.Sequence} is out of order at line {e.Line}{after}: entries were reordered");
            }
            else
            {
                inserted[i] = true;
                Add(EmbeddedLedgerProblemKind.InsertedEntry, e.Line, e.Sequence,
                    $"line {e.Line} claims to be entry {e.Sequence} but is out of sequence and not part of the chain ({Doubts(i)}): an inserted or moved and altered entry");
            }
        }
    }

    private bool[] LongestIncreasingRun(int[] order)
    {
        // Patience sorting: tails[k] = position in order of the smallest tail of a run of length k+1.
        var tails = new List<int>();
        var previous = new int[order.Length];
        for (int k = 0; k < order.Length; k++)
        {
            long sequence = _entries[order[k]].Sequence;
            int lo = 0, hi = tails.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (_entries[order[tails[mid]]].Sequence < sequence) lo = mid + 1; else hi = mid;
            }
            previous[k] = lo > 0 ? tails[lo - 1] : -1;
            if (lo == tails.Count) tails.Add(k); else tails[lo] = k;
        }
        var inRun = new bool[order.Length];
        for (int k = tails.Count > 0 ? tails[^1] : -1; k >= 0; k = previous[k]) inRun[k] = true;
        return inRun;
    }

    private string Doubts(int i)
    {
        var e = _entries[i];
        var doubts = new List<string>();
        if (!e.HashMatches) doubts.Add("its content does not match its hash");
        switch (Signature(i))
        {
            case SignatureState.Bad: doubts.Add("its signature does not verify"); break;
            case SignatureState.Malformed: doubts.Add("its signature is malformed"); break;
            case SignatureState.Foreign: doubts.Add($"it is signed by {e.KeyId}, not the ledger's key"); break;
        }
        if (doubts.Count == 0) doubts.Add("it does not link to its neighbours");
        return string.Join(", ", doubts);
    }

    private void ReportGaps(int[] chain)
    {
        long expected = 0;
        foreach (int i in chain)
        {
            var e = _entries[i];
            if (e.Sequence > expected)
            {
                string range = e.Sequence - 1 == expected ? $"entry {expected} is" : $"entries {expected} to {e.Sequence - 1} are";
                Add(EmbeddedLedgerProblemKind.MissingEntries, e.Line, expected,
                    $"{range} missing before entry {e.Sequence} (line {e.Line}): entries were removed");
            }
            expected = e.Sequence + 1;
        }
    }

    private void ReportLinksAndHashes(int[] chain)
    {
        for (int k = 0; k < chain.Length; k++)
        {
            var e = _entries[chain[k]];
            if (!e.HashMatches)
                Add(EmbeddedLedgerProblemKind.HashMismatch, e.Line, e.Sequence,
                    $"entry {e.Sequence} (line {e.Line}) was altered: its content hashes to {e.ComputedHash}, but it records {e.Hash}");
            if (e.Sequence == 0)
            {
                if (e.Previous != EntryCodec.ZeroHash)
                    Add(EmbeddedLedgerProblemKind.BrokenLink, e.Line, 0, $"entry 0 (line {e.Line}) must have a zero previous hash, has {e.Previous}");
            }
            // The chain is sorted and unique, so entry n-1, when present, is the one just before.
            else if (k > 0 && _entries[chain[k - 1]] is var p && p.Sequence == e.Sequence - 1 && p.Hash != e.Previous)
            {
                Add(EmbeddedLedgerProblemKind.BrokenLink, e.Line, e.Sequence,
                    $"entry {e.Sequence} (line {e.Line}) does not follow entry {p.Sequence} (line {p.Line}): its previous hash is {e.Previous}, but entry {p.Sequence} has hash {p.Hash}");
            }
        }
    }

    private void ReportSignatures(int[] chain)
    {
        foreach (int i in chain)
        {
            var e = _entries[i];
            switch (_signatures[i])
            {
                case SignatureState.Foreign:
                    Add(EmbeddedLedgerProblemKind.ForeignKey, e.Line, e.Sequence,
                        $"entry {e.Sequence} (line {e.Line}) is signed by key {e.KeyId}, not the ledger's key {_ledgerKey!.KeyId}");
                    break;
                case SignatureState.Bad:
                    Add(EmbeddedLedgerProblemKind.BadSignature, e.Line, e.Sequence,
                        $"entry {e.Sequence} (line {e.Line}): the signature does not verify with the ledger's key {_ledgerKey!.KeyId}");
                    break;
                case SignatureState.Malformed:
                    Add(EmbeddedLedgerProblemKind.BadSignature, e.Line, e.Sequence,
                        $"entry {e.Sequence} (line {e.Line}): the signature is malformed (not 64 bytes of canonical base64url)");
                    break;
            }
        }
    }

    private void CheckReceipt(LedgerReceipt receipt, int[] chain, int? head)
    {
        int found = Array.BinarySearch(chain.Select(i => _entries[i].Sequence).ToArray(), receipt.Block);
        int i = found >= 0 ? chain[found] : -1;
        if (i < 0)
        {
            string end = head is { } h ? $"the chain ends at entry {_entries[h].Sequence} (line {_entries[h].Line})" : "the chain is empty";
            Add(EmbeddedLedgerProblemKind.ReceiptMismatch, null, receipt.Block,
                $"the receipt for entry {receipt.Block} (hash {receipt.TransactionId}) is not in the ledger; {end}: entries were removed from the end");
        }
        else if (!string.Equals(_entries[i].Hash.ToHex(), receipt.TransactionId, StringComparison.OrdinalIgnoreCase))
        {
            Add(EmbeddedLedgerProblemKind.ReceiptMismatch, _entries[i].Line, receipt.Block,
                $"entry {receipt.Block} (line {_entries[i].Line}) has hash {_entries[i].Hash.ToHex()}, but the receipt records {receipt.TransactionId}");
        }
    }

    /// <summary>
    /// Replays the chain through the rules. Stops at the first entry touched by an integrity
    /// problem: past it the content is not what the key holder wrote, so a "violation" would only
    /// echo the tampering.
    /// </summary>
    private void Replay(int[] chain, LedgerState state)
    {
        long stopAt = _problems.Where(p => p.Sequence is not null).Select(p => p.Sequence!.Value).DefaultIfEmpty(long.MaxValue).Min();
        foreach (int i in chain)
        {
            var e = _entries[i];
            if (e.Sequence >= stopAt) break;
            if (state.Check(e.Account, e.Operation) is { } reason)
            {
                Add(EmbeddedLedgerProblemKind.RuleViolation, e.Line, e.Sequence,
                    $"entry {e.Sequence} (line {e.Line}), {e.Operation.Label} by {e.Account}, breaks the ledger's rules: {reason}");
                continue;
            }
            state.Apply(e.Account, e.Operation, e.Hash, new LedgerReceipt(_ledgerName, e.Hash.ToHex(), e.Sequence, e.Time));
        }
    }

    private void Add(EmbeddedLedgerProblemKind kind, int? line, long? sequence, string message) =>
        _problems.Add(new EmbeddedLedgerProblem(kind, line, sequence, message));
}

using ClinicalTrials.Core.Canonical;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Core.Signing;

namespace ClinicalTrials.Ledger.Embedded;

/// <summary>
/// The default ledger when no chain is configured: a LOCAL NOTARY, NOT A BLOCKCHAIN. An
/// append-only JSON Lines file in which every entry carries its sequence number, time, acting
/// account, operation, the previous entry's hash, its own SHA-256 (RFC 8785 canonical form) and
/// an Ed25519 signature by the ledger's key; entry 0 (the genesis) records that public key.
/// It proves that the file has not been altered since the key holder wrote it — not that the
/// key holder wrote honestly, which only an independent chain can show. Its name,
/// <c>embedded:&lt;file&gt;</c>, is in every receipt, and the genesis entry states the same notice.
/// </summary>
/// <remarks>
/// The same rules as the TrialRegistry contract are enforced with the same messages. One
/// instance per file: a lock file (<c>&lt;file&gt;.lock</c>) keeps a second instance, in this or
/// another process, from opening it. Appends are serialised and each entry is flushed to disk
/// (fsync) before its receipt is returned. Opening replays and verifies the whole file.
/// </remarks>
public sealed class EmbeddedLedger : IDisposable
{
    /// <summary>What this ledger is and is not; recorded in the genesis entry.</summary>
    public const string Notice =
        "LOCAL NOTARY, NOT A BLOCKCHAIN: entries are hash-chained and signed by this ledger's single key; " +
        "they show the file is unaltered since that key wrote it, not independent consensus.";

    /// <summary>The account the genesis entry is written by.</summary>
    public const string GenesisAccount = "ledger";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _stateLock = new();
    private readonly LedgerState _state;
    private readonly FileStream _file;
    private readonly FileStream _lockFile;
    private readonly SigningKey _key;
    private readonly bool _ownsKey;
    private readonly TimeProvider _time;
    private readonly bool _durable;
    private bool _faulted;
    private volatile bool _disposed;

    private EmbeddedLedger(string path, LedgerState state, FileStream file, FileStream lockFile, SigningKey key, bool ownsKey,
        TimeProvider time, bool durable, EmbeddedLedgerReport verification)
    {
        Path = path;
        Name = NameFor(path);
        _state = state;
        _file = file;
        _lockFile = lockFile;
        _key = key;
        _ownsKey = ownsKey;
        _time = time;
        _durable = durable;
        Verification = verification;
    }

    /// <summary><c>embedded:&lt;file name&gt;</c>; the <see cref="LedgerReceipt.Ledger"/> of every receipt.</summary>
    public string Name { get; }

    /// <summary>The ledger file's full path.</summary>
    public string Path { get; }

    /// <summary>The ledger's public key, as recorded in its genesis entry.</summary>
    public VerificationKey PublicKey => _key.PublicKey;

    /// <summary>The ledger key's id.</summary>
    public string KeyId => _key.KeyId;

    /// <summary>What verification found on open (for a new file: its genesis).</summary>
    public EmbeddedLedgerReport Verification { get; }

    /// <summary>Entries in the ledger, genesis included (the next entry's sequence number).</summary>
    public long Count
    {
        get { lock (_stateLock) return _state.Count; }
    }

    /// <summary>Hash of the last entry.</summary>
    public ContentHash Head
    {
        get { lock (_stateLock) return _state.Head; }
    }

    /// <summary>The ledger name for a file: <c>embedded:</c> and its file name.</summary>
    public static string NameFor(string path) => "embedded:" + System.IO.Path.GetFileName(path);

    /// <summary>The private key file beside a ledger file (<c>&lt;file&gt;.key</c>, mode 0600).</summary>
    public static string KeyPathFor(string path) => path + ".key";

    /// <summary>The public key file written beside a ledger file when its key is created (<c>&lt;file&gt;.pub</c>).</summary>
    public static string PublicKeyPathFor(string path) => path + ".pub";

    /// <summary>The lock file that keeps a ledger file open in one instance only (<c>&lt;file&gt;.lock</c>).</summary>
    public static string LockPathFor(string path) => path + ".lock";

    /// <summary>
    /// Opens (after verifying and replaying it) or creates the ledger at <paramref name="path"/>,
    /// signing with <paramref name="key"/>, which stays the caller's to dispose.
    /// </summary>
    /// <param name="path">The ledger file; created with a genesis entry when absent or empty.</param>
    /// <param name="key">The ledger's key; must be the key its genesis records.</param>
    /// <param name="time">The clock that timestamps entries.</param>
    /// <param name="signatures">
    /// Which signatures to check on open. <see cref="SignatureCheck.Head"/> (default) checks every
    /// hash and link and the last entry's signature, which vouches for all before it;
    /// <see cref="SignatureCheck.All"/> checks each entry's too (about 60 µs each).
    /// </param>
    /// <exception cref="EmbeddedLedgerCorruptException">The file failed verification (including an incomplete last line).</exception>
    /// <exception cref="LedgerException">The file is open elsewhere, or cannot be read or created.</exception>
    public static EmbeddedLedger Open(string path, SigningKey key, TimeProvider time, SignatureCheck signatures = SignatureCheck.Head)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Open(path, _ => (key, false), time, signatures, durable: true);
    }

    /// <summary>
    /// Opens or creates the ledger at <paramref name="path"/> with its key file beside it
    /// (<see cref="KeyPathFor"/>): created on first use with mode 0600, together with the public
    /// key (<see cref="PublicKeyPathFor"/>) for verifiers.
    /// </summary>
    /// <param name="path">The ledger file; created with a genesis entry when absent or empty.</param>
    /// <param name="time">The clock that timestamps entries.</param>
    /// <param name="signatures">Which signatures to check on open; see <see cref="Open(string, SigningKey, TimeProvider, SignatureCheck)"/>.</param>
    /// <exception cref="EmbeddedLedgerCorruptException">The file failed verification (including an incomplete last line).</exception>
    /// <exception cref="LedgerException">The file is open elsewhere, its key file is missing or unusable, or it cannot be read or created.</exception>
    public static EmbeddedLedger Open(string path, TimeProvider time, SignatureCheck signatures = SignatureCheck.Head) =>
        Open(path, LoadOrCreateKey, time, signatures, durable: true);

    /// <summary>
    /// Removes an incomplete last line (left by a crash while appending) after saving its bytes to
    /// a side file (<c>&lt;file&gt;.truncated-line-&lt;n&gt;</c>). Refuses when the last line is
    /// complete or when anything else in the file fails verification.
    /// </summary>
    /// <exception cref="EmbeddedLedgerCorruptException">The rest of the file has problems; nothing was changed.</exception>
    /// <exception cref="LedgerException">Nothing to repair, the ledger is open, or the file cannot be written.</exception>
    public static TailRepair RepairTruncatedTail(string path)
    {
        string full = FullPath(path);
        using var lockFile = AcquireLock(full);
        byte[] bytes = ReadAll(full);
        if (bytes.Length == 0 || bytes[^1] == (byte)'\n')
            throw new LedgerException($"ledger {full}: the last line is complete; there is nothing to repair");
        int cut = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        int line = bytes.AsSpan(0, cut).Count((byte)'\n') + 1;
        if (cut > 0)
        {
            // Only the incomplete line may go: anything else wrong must stay visible.
            var rest = VerificationEngine.Run(full, bytes[..cut], KeyExpectation.None, SignatureCheck.Head, null);
            if (!rest.Report.IsValid) throw new EmbeddedLedgerCorruptException(rest.Report);
        }
        try
        {
            string side = SideFile(full, line);
            using (var saved = new FileStream(side, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                saved.Write(bytes.AsSpan(cut));
                saved.Flush(true);
            }
            using (var file = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.Read))
            {
                file.SetLength(cut);
                file.Flush(true);
            }
            return new TailRepair(full, line, bytes.Length - cut, side);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LedgerException($"ledger {full}: could not remove the incomplete line {line}: {e.Message}", e);
        }
    }

    /// <summary>The ledger as seen by <paramref name="account"/> (e.g. <c>sponsor:acme</c>, <c>site:3</c>).</summary>
    public IAnchorLedger ForAccount(string account)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new EmbeddedLedgerClient(this, account);
    }

    /// <summary>Waits for an append in progress, then closes the file and releases the lock.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _gate.Wait();
        try
        {
            if (_disposed) return;
            _disposed = true;
            _file.Dispose();
            _lockFile.Dispose();
            if (_ownsKey) _key.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Opens with a key provider called once the lock is held. <paramref name="durable"/> false skips fsync (test data only).</summary>
    internal static EmbeddedLedger Open(string path, Func<string, (SigningKey Key, bool Owns)> keyProvider, TimeProvider time,
        SignatureCheck signatures, bool durable)
    {
        ArgumentNullException.ThrowIfNull(time);
        string full = FullPath(path);
        var lockFile = AcquireLock(full);
        SigningKey? key = null;
        bool ownsKey = false;
        FileStream? file = null;
        try
        {
            (key, ownsKey) = keyProvider(full);
            var state = new LedgerState();
            EmbeddedLedgerReport report;
            var existing = new FileInfo(full);
            if (!existing.Exists || existing.Length == 0)
            {
                file = OpenForAppend(full, FileMode.OpenOrCreate);
                report = WriteGenesis(full, file, state, key, time, signatures);
            }
            else
            {
                byte[] bytes = ReadAll(full);
                var outcome = VerificationEngine.Run(full, bytes, new KeyExpectation(key.PublicKey, null), signatures, null);
                if (!outcome.Report.IsValid) throw new EmbeddedLedgerCorruptException(outcome.Report);
                file = OpenForAppend(full, FileMode.Open);
                if (file.Length != bytes.Length)
                    throw new LedgerException($"ledger {full} changed while it was being opened ({bytes.Length} bytes read, now {file.Length}); is another program writing it?");
                file.Seek(0, SeekOrigin.End);
                state = outcome.State;
                report = outcome.Report;
            }
            return new EmbeddedLedger(full, state, file, lockFile, key, ownsKey, time, durable, report);
        }
        catch
        {
            file?.Dispose();
            lockFile.Dispose();
            if (ownsKey) key?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Checks the rules and appends one entry, all under one gate so no other append can change
    /// the state in between; the receipt is returned only once the entry is on disk.
    /// </summary>
    internal async Task<LedgerReceipt> AppendAsync(string account, Func<LedgerState, LedgerOperation> build, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_faulted)
                throw new LedgerException($"ledger {Path} stopped accepting entries after a write failed and could not be undone; reopen it to verify the file");
            var operation = build(_state);
            if (_state.Check(account, operation) is { } reason) throw new LedgerRejectedException(operation.Label, reason);

            var time = _time.GetUtcNow().ToUniversalTime();
            long sequence = _state.Count;
            EncodedEntry encoded;
            try
            {
                encoded = EntryCodec.Encode(sequence, time, account, operation, _state.Head, _key);
            }
            catch (CanonicalJsonException e)
            {
                throw new ArgumentException($"{operation.Label}: a value cannot be recorded as JSON ({e.Message})", e);
            }
            Write(encoded.Line);
            var receipt = new LedgerReceipt(Name, encoded.Hash.ToHex(), sequence, time);
            lock (_stateLock) _state.Apply(account, operation, encoded.Hash, receipt);
            return receipt;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads the state under its lock; reads never wait for a disk write.</summary>
    internal T Read<T>(Func<LedgerState, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_stateLock) return read(_state);
    }

    private void Write(byte[] line)
    {
        long before = _file.Position;
        try
        {
            _file.Write(line);
            _file.Flush(flushToDisk: _durable);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Take back a partial line so the file stays a valid ledger; if even that fails, stop appending.
            try
            {
                _file.SetLength(before);
                _file.Seek(before, SeekOrigin.Begin);
                _file.Flush(flushToDisk: true);
            }
            catch (Exception undo) when (undo is IOException or UnauthorizedAccessException)
            {
                _faulted = true;
                throw new LedgerException($"ledger {Path}: writing an entry failed ({e.Message}) and the partial write could not be removed ({undo.Message}); the ledger stopped accepting entries", e);
            }
            throw new LedgerUnavailableException($"ledger {Path}: writing an entry failed ({e.Message}); nothing was recorded", e);
        }
    }

    private static EmbeddedLedgerReport WriteGenesis(string path, FileStream file, LedgerState state, SigningKey key, TimeProvider time, SignatureCheck signatures)
    {
        var genesis = new GenesisOperation(EntryCodec.Format, Notice, key.PublicKey.ToRawBytes(), key.KeyId);
        var now = time.GetUtcNow().ToUniversalTime();
        var encoded = EntryCodec.Encode(0, now, GenesisAccount, genesis, EntryCodec.ZeroHash, key);
        file.SetLength(0);
        file.Write(encoded.Line);
        file.Flush(flushToDisk: true);
        state.Apply(GenesisAccount, genesis, encoded.Hash, new LedgerReceipt(NameFor(path), encoded.Hash.ToHex(), 0, now));
        return new EmbeddedLedgerReport(path, NameFor(path), 1, 1, key.KeyId, true, signatures, 0, 0, encoded.Hash, []);
    }

    private static (SigningKey, bool) LoadOrCreateKey(string ledgerPath)
    {
        string keyPath = KeyPathFor(ledgerPath);
        string publicPath = PublicKeyPathFor(ledgerPath);
        try
        {
            if (File.Exists(keyPath)) return (KeyFiles.ReadPrivateKey(keyPath), true);
            if (File.Exists(ledgerPath) && new FileInfo(ledgerPath).Length > 0)
                throw new LedgerException($"ledger {ledgerPath} exists but its key file {keyPath} does not; restore the key file (no other key can continue this ledger)");
            var key = SigningKey.Generate();
            try
            {
                if (File.Exists(publicPath) && KeyFiles.ReadPublicKey(publicPath).KeyId != key.KeyId)
                    throw new LedgerException($"{publicPath} holds the public key of another ledger; move it away before creating {ledgerPath}");
                KeyFiles.WritePrivateKey(keyPath, key);
                if (!File.Exists(publicPath)) KeyFiles.WritePublicKey(publicPath, key.PublicKey);
                return (key, true);
            }
            catch
            {
                key.Dispose();
                throw;
            }
        }
        catch (KeyFormatException e)
        {
            throw new LedgerException($"ledger key: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LedgerException($"ledger key {keyPath}: {e.Message}", e);
        }
    }

    private static string FullPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = System.IO.Path.GetFullPath(path);
        string? directory = System.IO.Path.GetDirectoryName(full);
        if (directory is not null && !Directory.Exists(directory))
            throw new LedgerException($"ledger {full}: directory {directory} does not exist");
        return full;
    }

    private static FileStream AcquireLock(string path)
    {
        string lockPath = LockPathFor(path);
        try
        {
            // FileShare.None takes an exclusive lock (flock on Unix): a second opener fails here.
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new LedgerException($"ledger {path} is already open in this or another process (its lock file {lockPath} is held)", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new LedgerException($"ledger {path}: cannot create its lock file {lockPath}: {e.Message}", e);
        }
    }

    private static FileStream OpenForAppend(string path, FileMode mode)
    {
        try
        {
            // Unbuffered, so a failed write leaves nothing half-buffered to undo.
            return new FileStream(path, new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.Read, BufferSize = 0 });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LedgerException($"cannot open ledger file {path} for writing: {e.Message}", e);
        }
    }

    private static byte[] ReadAll(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LedgerException($"cannot read ledger file {path}: {e.Message}", e);
        }
    }

    private static string SideFile(string path, int line)
    {
        string side = $"{path}.truncated-line-{line}";
        for (int n = 1; File.Exists(side); n++) side = $"{path}.truncated-line-{line}.{n}";
        return side;
    }
}

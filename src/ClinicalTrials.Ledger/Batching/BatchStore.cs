using System.Globalization;
using System.Text.Json;

namespace ClinicalTrials.Ledger.Batching;

/// <summary>
/// The batcher's directory: <c>batches/&lt;id, 12 digits&gt;/</c> holding <c>manifest.json</c>
/// and the data files (<see cref="BatchFiles"/>), plus a lock file that keeps a second batcher
/// (in this or another process) out, because two would anchor the same batches.
/// </summary>
internal sealed class BatchStore : IDisposable
{
    public const string ManifestFile = "manifest.json";
    private const string TempSuffix = ".tmp";
    private const string LockFile = "batcher.lock";

    private static readonly JsonSerializerOptions Json = CreateOptions();

    private readonly FileStream _lock;

    private BatchStore(string directory, FileStream lockFile)
    {
        Directory = directory;
        _lock = lockFile;
    }

    public string Directory { get; }

    private string BatchesDirectory => Path.Combine(Directory, "batches");

    /// <exception cref="BatchingException">Another batcher holds the directory, or it cannot be created.</exception>
    public static BatchStore Open(string directory)
    {
        string full = Path.GetFullPath(directory);
        try
        {
            System.IO.Directory.CreateDirectory(Path.Combine(full, "batches"));
            // FileShare.None takes an exclusive advisory lock, released when the handle closes (also on a crash).
            var lockFile = new FileStream(Path.Combine(full, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new BatchStore(full, lockFile);
        }
        catch (IOException e)
        {
            throw new BatchingException($"batch directory {full} cannot be opened: {e.Message} (is another batcher using it?)", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new BatchingException($"batch directory {full} cannot be opened: {e.Message}", e);
        }
    }

    public string BatchDirectory(long batchId) =>
        Path.Combine(BatchesDirectory, batchId.ToString("D12", CultureInfo.InvariantCulture));

    /// <summary>Replaces the manifest atomically: a reader or a crash sees the old one or the new one, never a mix.</summary>
    public void WriteManifest(BatchManifest manifest)
    {
        string path = Path.Combine(BatchDirectory(manifest.BatchId), ManifestFile);
        string temp = path + TempSuffix;
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 4096))
        {
            JsonSerializer.Serialize(file, manifest, Json);
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// Reads every batch back after a stop. Open batches are sealed here (a restart never continues
    /// a batch): their torn tails are cut, their roots recomputed from the leaf file, and a batch
    /// that kept no event is removed. Returns the batches in id order.
    /// </summary>
    /// <remarks>Sealed and anchored batches' files are checked when a proof first needs them, not here,
    /// so one damaged batch does not keep the others from being anchored.</remarks>
    /// <exception cref="BatchingException">A manifest is unreadable.</exception>
    public List<BatchEntry> Recover(TimeProvider time)
    {
        var entries = new List<BatchEntry>();
        foreach (string directory in System.IO.Directory.EnumerateDirectories(BatchesDirectory))
        {
            if (!long.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out long id)) continue;
            string manifestPath = Path.Combine(directory, ManifestFile);
            File.Delete(manifestPath + TempSuffix); // an interrupted replacement: the old manifest stands
            if (!File.Exists(manifestPath))
            {
                // Created but stopped before its manifest: no event was accepted into it.
                System.IO.Directory.Delete(directory, recursive: true);
                continue;
            }
            var manifest = ReadManifest(manifestPath);
            if (manifest.BatchId != id)
                throw new BatchingException($"{manifestPath}: names batch {manifest.BatchId} but sits in the directory of batch {id}");
            if (manifest.State == BatchState.Open)
            {
                var (count, root) = BatchFiles.Recover(directory);
                if (count == 0)
                {
                    System.IO.Directory.Delete(directory, recursive: true);
                    continue;
                }
                manifest = manifest with { State = BatchState.Sealed, LeafCount = count, Root = RootHash.ToContentHash(root), SealedAt = time.GetUtcNow() };
                WriteManifest(manifest);
            }
            entries.Add(new BatchEntry(directory, manifest));
        }
        entries.Sort((a, b) => a.Id.CompareTo(b.Id));
        return entries;
    }

    private static BatchManifest ReadManifest(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            var manifest = JsonSerializer.Deserialize<BatchManifest>(file, Json)
                ?? throw new BatchingException($"{path}: empty manifest");
            if (manifest.State != BatchState.Open && manifest.Root is null)
                throw new BatchingException($"{path}: a {manifest.State} batch must have a root");
            return manifest;
        }
        catch (JsonException e)
        {
            throw new BatchingException($"{path}: not a batch manifest: {e.Message}", e);
        }
    }

    public void Dispose() => _lock.Dispose();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            WriteIndented = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

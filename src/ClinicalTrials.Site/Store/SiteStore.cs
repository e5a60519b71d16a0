using System.Reflection;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Store;

/// <summary>
/// A site's DuckDB database (<c>site.duckdb</c> in the site directory). One process opens it at a
/// time (DuckDB's file lock); within the process every caller takes its own connection, since a
/// DuckDB connection is not safe for concurrent use.
/// </summary>
public sealed class SiteStore : IDisposable
{
    /// <summary>File name of the database in a site directory.</summary>
    public const string FileName = "site.duckdb";

    private readonly DuckDBConnection _root;

    private SiteStore(string path, DuckDBConnection root)
    {
        Path = path;
        _root = root;
    }

    /// <summary>Path of the database file, or <c>:memory:</c>.</summary>
    public string Path { get; }

    /// <summary>DuckDB's memory limit for a site database unless told otherwise; beyond it DuckDB spills to disk.</summary>
    public const string DefaultMemoryLimit = "512MB";

    /// <summary>
    /// Opens (creating if needed) the database at <paramref name="path"/> and applies the schema.
    /// DuckDB's memory use is capped at <paramref name="memoryLimit"/> (it spills to a temporary
    /// directory beside the file), so a site agent's footprint stays bounded whatever the file sizes.
    /// </summary>
    public static SiteStore Open(string path, string memoryLimit = DefaultMemoryLimit)
    {
        var root = new DuckDBConnection($"Data Source={path}");
        try
        {
            root.Open();
        }
        catch (DuckDBException e)
        {
            root.Dispose();
            throw new SiteStoreException($"{path}: cannot open the site database: {e.Message}", e);
        }
        using (var cmd = root.CreateCommand())
        {
            var spill = path == ":memory:" ? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "clinicaltrials-duckdb") : path + ".tmp";
            cmd.CommandText = $"SET memory_limit = '{memoryLimit.Replace("'", "", StringComparison.Ordinal)}'; SET temp_directory = '{spill.Replace("'", "''", StringComparison.Ordinal)}';";
            cmd.ExecuteNonQuery();
            cmd.CommandText = SchemaSql.Value;
            cmd.ExecuteNonQuery();
        }
        return new SiteStore(path, root);
    }

    /// <summary>Opens the database of the site directory <paramref name="siteDir"/>.</summary>
    public static SiteStore OpenDirectory(string siteDir) => Open(System.IO.Path.Combine(siteDir, FileName));

    /// <summary>An in-memory database (tests).</summary>
    public static SiteStore InMemory() => Open(":memory:");

    /// <summary>A new connection to this database; dispose it when done.</summary>
    public DuckDBConnection Connect()
    {
        // DuckDB.NET shares one database instance between connections to the same file path.
        var c = Path == ":memory:" ? _root.Duplicate() : new DuckDBConnection($"Data Source={Path}");
        if (c.State != System.Data.ConnectionState.Open) c.Open();
        return c;
    }

    /// <inheritdoc />
    public void Dispose() => _root.Dispose();

    private static readonly Lazy<string> SchemaSql = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ClinicalTrials.Site.Store.Schema.sql")
            ?? throw new InvalidOperationException("embedded Schema.sql is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}

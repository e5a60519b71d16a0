using System.Globalization;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Ingestion;

/// <summary>Small helpers for parameterised DuckDB statements.</summary>
internal static class Sql
{
    /// <summary>Runs <paramref name="sql"/>; returns the rows changed.</summary>
    public static long Execute(DuckDBConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        var w = System.Diagnostics.Stopwatch.StartNew();
        try {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
        return cmd.ExecuteNonQuery();
        } finally { if (Environment.GetEnvironmentVariable("CT_TRACE") is not null) Console.Error.WriteLine($"TRACE {w.Elapsed.TotalSeconds:F3}s {sql.Trim().Split('\n')[0]}"); }
    }

    /// <summary>The first column of the first row, as a long.</summary>
    public static long Scalar(DuckDBConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>A string literal for places DuckDB takes no parameters (table functions' file names).</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}

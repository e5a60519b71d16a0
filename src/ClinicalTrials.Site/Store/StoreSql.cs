using System.Globalization;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Store;

/// <summary>Parameterised DuckDB statements, shared by everything that reads and writes the site store.</summary>
internal static class StoreSql
{
    /// <summary>A command with named parameters (<c>$name</c>); null values become SQL NULL.</summary>
    public static DuckDBCommand Command(DuckDBConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
        return cmd;
    }

    /// <summary>Runs <paramref name="sql"/>; returns the rows changed.</summary>
    public static int Execute(DuckDBConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(c, sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row, as a long.</summary>
    public static long Scalar(DuckDBConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(c, sql, parameters);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>A string literal, for places DuckDB takes no parameters (table functions' file names).</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A number literal that reads back to the same double.</summary>
    public static string Literal(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An integer literal.</summary>
    public static string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Column <paramref name="i"/> as a double, NaN when NULL.</summary>
    public static double Double(DuckDBDataReader r, int i) =>
        r.IsDBNull(i) ? double.NaN : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);
}

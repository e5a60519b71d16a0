using System.Globalization;
using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Derivation;

/// <summary>Small helpers for the derivation's parameterised SQL.</summary>
internal static class DerivationSql
{
    public static DuckDBCommand Command(DuckDBConnection c, string sql, params (string Name, object Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.Add(new DuckDBParameter(name, value));
        return cmd;
    }

    public static void Execute(DuckDBConnection c, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(c, sql, parameters);
        cmd.ExecuteNonQuery();
    }

    /// <summary>A number as a SQL literal; protocol numbers are finite (JSON has no infinities).</summary>
    public static string Literal(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An integer as a SQL literal.</summary>
    public static string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A value read as a double: NaN for NULL.</summary>
    public static double Double(DuckDBDataReader r, int i) =>
        r.IsDBNull(i) ? double.NaN : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);
}

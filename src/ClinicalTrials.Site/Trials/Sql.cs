using DuckDB.NET.Data;

namespace ClinicalTrials.Site.Trials;

/// <summary>Parameterised commands on a site store connection.</summary>
internal static class Sql
{
    public static DuckDBCommand Command(DuckDBConnection c, string sql, params (string Name, object Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.Add(new DuckDBParameter(name, value));
        return cmd;
    }

    public static int Execute(DuckDBConnection c, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(c, sql, parameters);
        return cmd.ExecuteNonQuery();
    }
}

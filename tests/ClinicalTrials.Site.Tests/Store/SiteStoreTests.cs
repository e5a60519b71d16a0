using ClinicalTrials.Site.Store;

namespace ClinicalTrials.Site.Tests.Store;

public sealed class SiteStoreTests
{
    [Fact]
    public void Schema_is_applied_and_reopening_keeps_the_data()
    {
        var dir = Directory.CreateTempSubdirectory("ct-store-");
        try
        {
            using (var store = SiteStore.OpenDirectory(dir.FullName))
            using (var c = store.Connect())
            using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = "INSERT INTO participants VALUES ('P1', 'F', NULL, NULL, TIMESTAMP '2026-01-01 00:00:00', 'test')";
                cmd.ExecuteNonQuery();
            }
            using (var store = SiteStore.OpenDirectory(dir.FullName))
            using (var c = store.Connect())
            using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = "SELECT count(*) FROM participants";
                Assert.Equal(1L, Convert.ToInt64(cmd.ExecuteScalar()));
                cmd.CommandText = "SELECT version()";
                Assert.StartsWith("v1.", (string)cmd.ExecuteScalar()!);
            }
        }
        finally { dir.Delete(true); }
    }
}

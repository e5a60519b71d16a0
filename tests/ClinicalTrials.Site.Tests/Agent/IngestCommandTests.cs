using System.Text.Json;
using ClinicalTrials.Site.Tests.Support;

namespace ClinicalTrials.Site.Tests.Agent;

public sealed class IngestCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ct-ingest-cli-").FullName;
    private string Site => Path.Combine(_root, "site");

    [Fact]
    public async Task Ingest_prints_counts_as_json_and_exits_0_even_with_quarantined_records()
    {
        await Cli.RunAsync("init", "--site-dir", Site, "--site-id", "bos-01");
        var csv = Path.Combine(_root, "bp.csv");
        File.WriteAllText(csv, "participant_id,loinc,value,unit,effective_time\nP1,8480-6,130,mm[Hg],2026-01-05T08:00:00Z\nP1,8480-6,130,kg,2026-01-05T08:01:00Z\n");

        var (code, stdout, stderr) = await Cli.RunAsync("ingest", "--site-dir", Site, "--json", csv);

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal((1, 1, 0), (doc.RootElement.GetProperty("loaded").GetInt32(), doc.RootElement.GetProperty("quarantined").GetInt32(), doc.RootElement.GetProperty("duplicates").GetInt32()));

        (code, stdout, _) = await Cli.RunAsync("quarantine", "--site-dir", Site);
        Assert.Equal(0, code);
        Assert.Contains("bp.csv:3: unit: 'kg' does not measure the same thing as mm[Hg]", stdout);
        Assert.Contains("1 quarantined record(s)", stdout);

        (code, stdout, _) = await Cli.RunAsync("ingest", "--site-dir", Site, csv);
        Assert.Equal(0, code);
        Assert.Contains("already ingested", stdout);
    }

    [Fact]
    public async Task A_file_that_cannot_be_ingested_is_named_the_others_are_loaded_and_the_exit_code_is_2()
    {
        await Cli.RunAsync("init", "--site-dir", Site, "--site-id", "bos-01");
        var good = Path.Combine(_root, "good.csv");
        File.WriteAllText(good, "participant_id,loinc,value,unit,effective_time\nP1,8480-6,130,mm[Hg],2026-01-05T08:00:00Z\n");

        var (code, stdout, stderr) = await Cli.RunAsync("ingest", "--site-dir", Site, Path.Combine(_root, "missing.csv"), good);

        Assert.Equal(2, code);
        Assert.Contains("missing.csv: no such file", stderr);
        Assert.Contains("good.csv: 1 loaded", stdout);
    }

    [Fact]
    public async Task Ingest_into_a_directory_that_is_not_a_site_says_so()
    {
        var (code, _, stderr) = await Cli.RunAsync("ingest", "--site-dir", _root, "x.csv");
        Assert.Equal(2, code);
        Assert.Contains("not a site directory", stderr);
    }

    public void Dispose() => Directory.Delete(_root, true);
}

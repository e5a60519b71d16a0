using ClinicalTrials.Core.Signing;
using ClinicalTrials.Site.Hosting;
using ClinicalTrials.Site.Policy;
using ClinicalTrials.Site.Tests.Support;

namespace ClinicalTrials.Site.Tests.Agent;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class InitCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ct-init-").FullName;

    [Fact]
    public async Task Init_creates_the_key_the_policy_and_the_database_readable_only_by_the_site()
    {
        var dir = Path.Combine(_root, "bos");
        var (code, stdout, stderr) = await Cli.RunAsync("init", "--site-dir", dir, "--site-id", "bos-01", "--ledger", Path.Combine(_root, "ledger.jsonl"));

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        var home = SiteHome.Open(dir);
        Assert.Equal("bos-01", home.SiteId);
        Assert.Equal(Path.Combine(_root, "ledger.jsonl"), home.Config.Ledger!.Embedded);
        using var key = home.ReadKey();
        Assert.Equal(key.PublicKey.KeyId, home.ReadPublicKey().KeyId);
        Assert.Contains(key.PublicKey.KeyId, stdout);
        Assert.Equal(SitePolicy.Default, home.ReadPolicy());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, SiteHome.KeyFile)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
        using var store = home.OpenStore();
    }

    [Fact]
    public async Task Init_never_replaces_an_existing_site_key()
    {
        var dir = Path.Combine(_root, "bos");
        await Cli.RunAsync("init", "--site-dir", dir, "--site-id", "bos-01");
        var before = File.ReadAllText(Path.Combine(dir, SiteHome.KeyFile));

        var (code, _, stderr) = await Cli.RunAsync("init", "--site-dir", dir, "--site-id", "chi-02");

        Assert.Equal(2, code);
        Assert.Contains("already holds site 'bos-01'; refusing to replace its key", stderr);
        Assert.Equal(before, File.ReadAllText(Path.Combine(dir, SiteHome.KeyFile)));
    }

    [Theory]
    [InlineData("bad id")]
    [InlineData("a/b")]
    public async Task Init_refuses_an_unusable_site_id(string id)
    {
        var (code, _, stderr) = await Cli.RunAsync("init", "--site-dir", Path.Combine(_root, "x"), "--site-id", id);
        Assert.Equal(2, code);
        Assert.Contains("not a usable site id", stderr);
    }

    [Fact]
    public async Task Init_with_an_EVM_ledger_needs_the_contract_and_the_account_key()
    {
        var (code, _, stderr) = await Cli.RunAsync("init", "--site-dir", Path.Combine(_root, "x"), "--site-id", "x-1", "--rpc", "http://127.0.0.1:8545");
        Assert.Equal(2, code);
        Assert.Contains("--rpc needs --contract and --account-key-file", stderr);
    }

    [Fact]
    public void Opening_a_directory_that_is_not_a_site_says_what_to_do()
    {
        var e = Assert.Throws<SiteHomeException>(() => SiteHome.Open(_root));
        Assert.Contains("not a site directory (no site.json); run 'init --site-id ID' first", e.Message);
        e = Assert.Throws<SiteHomeException>(() => SiteHome.Open(Path.Combine(_root, "missing")));
        Assert.Contains("no such site directory", e.Message);
    }

    [Fact]
    public void A_damaged_site_json_is_named_with_its_position()
    {
        File.WriteAllText(Path.Combine(_root, SiteHome.ConfigFile), "{\"site_id\": ");
        var e = Assert.Throws<SiteHomeException>(() => SiteHome.Open(_root));
        Assert.StartsWith(Path.Combine(_root, SiteHome.ConfigFile) + ": line 1", e.Message);
    }

    [Fact]
    public async Task A_site_without_a_ledger_says_how_to_configure_one()
    {
        var dir = Path.Combine(_root, "s");
        await Cli.RunAsync("init", "--site-dir", dir, "--site-id", "s-1");
        var e = await Assert.ThrowsAsync<SiteHomeException>(() => SiteHome.Open(dir).OpenLedgerAsync(TimeProvider.System));
        Assert.Contains("$.ledger: no ledger configured", e.Message);
    }

    [Fact]
    public void A_key_file_readable_by_others_is_refused()
    {
        var dir = Path.Combine(_root, "s");
        SiteHome.Init(dir, "s-1");
        File.SetUnixFileMode(Path.Combine(dir, SiteHome.KeyFile), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var e = Assert.Throws<SiteHomeException>(() => SiteHome.Open(dir).ReadKey());
        Assert.Contains(SiteHome.KeyFile, e.Message);
    }

    public void Dispose() => Directory.Delete(_root, true);
}

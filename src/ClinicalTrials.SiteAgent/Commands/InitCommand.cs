using System.CommandLine;
using ClinicalTrials.Site.Hosting;

namespace ClinicalTrials.SiteAgent.Commands;

/// <summary>
/// <c>init --site-dir DIR --site-id ID [--ledger FILE | --rpc URL --contract ADDRESS --account-key-file FILE]</c>:
/// creates the site directory with a new Ed25519 key (private key 0600, public key for the sponsor
/// to register), the default disclosure policy and an empty database.
/// </summary>
internal static class InitCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = SiteDirOption.Create();
        var siteId = new Option<string>("--site-id") { Description = "The site's id as the protocols list it (e.g. bos-01)", Required = true };
        var ledger = new Option<string?>("--ledger") { Description = "Embedded ledger file the site reads and anchors on" };
        var rpc = new Option<string?>("--rpc") { Description = "EVM JSON-RPC URL (with --contract and --account-key-file)" };
        var contract = new Option<string?>("--contract") { Description = "TrialRegistry contract address" };
        var accountKey = new Option<string?>("--account-key-file") { Description = "File with the site's EVM account key (hex)" };
        var command = new Command("init", "Create a site directory: signing key, default policy, empty database") { dir, siteId, ledger, rpc, contract, accountKey };
        command.SetAction((parse, _) => Verb.RunAsync("init", stderr, () =>
        {
            LedgerConfig? config = null;
            if (parse.GetValue(ledger) is { } file)
            {
                if (parse.GetValue(rpc) is not null) throw new UsageException("give either --ledger or --rpc, not both");
                config = new LedgerConfig { Embedded = Path.GetFullPath(file) };
            }
            else if (parse.GetValue(rpc) is { } url)
            {
                if (parse.GetValue(contract) is not { } address || parse.GetValue(accountKey) is not { } key)
                    throw new UsageException("--rpc needs --contract and --account-key-file");
                config = new LedgerConfig { Rpc = url, Contract = address, AccountKeyFile = Path.GetFullPath(key) };
            }
            var home = SiteHome.Init(parse.GetValue(dir)!, parse.GetValue(siteId)!, config);
            var pub = home.ReadPublicKey();
            stdout.WriteLine($"site {home.SiteId} initialised in {home.Dir}");
            stdout.WriteLine($"  signing key  {Path.Combine(home.Dir, SiteHome.KeyFile)} (stays here; mode 0600)");
            stdout.WriteLine($"  public key   {Path.Combine(home.Dir, SiteHome.PublicKeyFile)} ({pub.KeyId}) — give it to the sponsor to register");
            stdout.WriteLine($"  policy       {home.PolicyPath} (defaults; edit to tighten)");
            return Task.FromResult(0);
        }));
        return command;
    }
}

using System.Text.Json;
using ClinicalTrials.Core.Signing;
using ClinicalTrials.Ledger;
using ClinicalTrials.Ledger.Embedded;
using ClinicalTrials.Ledger.Evm;
using ClinicalTrials.Site.Policy;
using ClinicalTrials.Site.Store;

namespace ClinicalTrials.Site.Hosting;

/// <summary>
/// A site directory: everything a site keeps — <c>site.json</c> (identity, ledger), <c>site.key</c>
/// (Ed25519 signing key, 0600; never leaves the directory), <c>site.pub</c> (for the sponsor to
/// register), <c>pseudonym.key</c> (the secret behind participant pseudonyms in anchored events, 0600),
/// <c>policy.json</c> (the site's disclosure policy), <c>site.duckdb</c> (the data), <c>anchors/</c>
/// (anchor batches of site events).
/// </summary>
public sealed class SiteHome
{
    /// <summary>Configuration file name.</summary>
    public const string ConfigFile = "site.json";

    /// <summary>Private key file name.</summary>
    public const string KeyFile = "site.key";

    /// <summary>Public key file name.</summary>
    public const string PublicKeyFile = "site.pub";

    private SiteHome(string dir, SiteConfig config)
    {
        Dir = dir;
        Config = config;
    }

    /// <summary>The directory (full path).</summary>
    public string Dir { get; }

    /// <summary>The site's configuration.</summary>
    public SiteConfig Config { get; }

    /// <summary>The site's id.</summary>
    public string SiteId => Config.SiteId;

    /// <summary>Path of the policy file.</summary>
    public string PolicyPath => Path.Combine(Dir, SitePolicyFile.FileName);

    /// <summary>Directory of the site's anchor batches.</summary>
    public string AnchorsDir => Path.Combine(Dir, "anchors");

    /// <summary>
    /// Creates a site directory: a new signing key, the default policy, an empty database.
    /// Refuses a directory that already holds a site (a key must never be silently replaced).
    /// </summary>
    public static SiteHome Init(string dir, string siteId, LedgerConfig? ledger = null)
    {
        if (string.IsNullOrWhiteSpace(siteId) || siteId.Any(c => char.IsWhiteSpace(c) || c == '/'))
            throw new SiteHomeException($"'{siteId}' is not a usable site id (no spaces or slashes)");
        var full = Path.GetFullPath(dir);
        var configPath = Path.Combine(full, ConfigFile);
        if (File.Exists(configPath))
            throw new SiteHomeException($"{full}: already holds site '{TryReadSiteId(configPath)}'; refusing to replace its key");
        if (File.Exists(Path.Combine(full, KeyFile)))
            throw new SiteHomeException($"{full}: already holds a {KeyFile}; refusing to replace it");
        if (!Directory.Exists(full))
        {
            // Participant data lives here: only the site's own account may enter.
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(full);
            else Directory.CreateDirectory(full, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var config = new SiteConfig { SiteId = siteId, Ledger = ledger };
        using (var key = SigningKey.Generate())
        {
            KeyFiles.WritePrivateKey(Path.Combine(full, KeyFile), key);
            KeyFiles.WritePublicKey(Path.Combine(full, PublicKeyFile), key.PublicKey);
        }
        SitePolicyFile.Write(Path.Combine(full, SitePolicyFile.FileName), SitePolicy.Default);
        ClinicalTrials.Site.Trials.ParticipantPseudonyms.LoadOrCreate(Path.Combine(full, ClinicalTrials.Site.Trials.ParticipantPseudonyms.FileName));
        using (SiteStore.OpenDirectory(full)) { }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(full, SiteStore.FileName), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(configPath, JsonSerializer.Serialize(config, WriteOptions) + Environment.NewLine);
        return new SiteHome(full, config);
    }

    /// <summary>Opens an initialised site directory.</summary>
    public static SiteHome Open(string dir)
    {
        var full = Path.GetFullPath(dir);
        var configPath = Path.Combine(full, ConfigFile);
        if (!Directory.Exists(full)) throw new SiteHomeException($"{full}: no such site directory");
        if (!File.Exists(configPath)) throw new SiteHomeException($"{full}: not a site directory (no {ConfigFile}); run 'init --site-id ID' first");
        SiteConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<SiteConfig>(File.ReadAllText(configPath));
        }
        catch (JsonException e)
        {
            throw new SiteHomeException($"{configPath}: {Core.Validation.JsonErrorText.Where(e)}{Core.Validation.JsonErrorText.Plain(e.Message)}", e);
        }
        if (config is null || string.IsNullOrWhiteSpace(config.SiteId)) throw new SiteHomeException($"{configPath}: $.site_id: missing");
        return new SiteHome(full, config);
    }

    /// <summary>Writes a changed configuration (e.g. a ledger set later).</summary>
    public SiteHome WithConfig(SiteConfig config)
    {
        File.WriteAllText(Path.Combine(Dir, ConfigFile), JsonSerializer.Serialize(config, WriteOptions) + Environment.NewLine);
        return new SiteHome(Dir, config);
    }

    /// <summary>Reads the site's signing key (the caller disposes it).</summary>
    public SigningKey ReadKey()
    {
        try
        {
            return KeyFiles.ReadPrivateKey(Path.Combine(Dir, KeyFile));
        }
        catch (Exception e) when (e is KeyFormatException or IOException or UnauthorizedAccessException)
        {
            throw new SiteHomeException($"{Path.Combine(Dir, KeyFile)}: {e.Message}", e);
        }
    }

    /// <summary>The site's public key.</summary>
    public VerificationKey ReadPublicKey() => KeyFiles.ReadPublicKey(Path.Combine(Dir, PublicKeyFile));

    /// <summary>Reads the site's policy.</summary>
    public SitePolicy ReadPolicy() => SitePolicyFile.Load(PolicyPath);

    /// <summary>Opens the site's database (one process at a time).</summary>
    public SiteStore OpenStore()
    {
        try
        {
            return SiteStore.OpenDirectory(Dir);
        }
        catch (SiteStoreException e)
        {
            throw new SiteHomeException($"{e.Message} (is the site agent already serving this directory?)", e);
        }
    }

    /// <summary>The account name the site anchors as on an embedded ledger.</summary>
    public string EmbeddedAccount => "site:" + SiteId;

    /// <summary>
    /// Opens the configured ledger as this site's account; <paramref name="embedded"/> supplies an
    /// embedded ledger already open in this process (the embedded demo), else the file is opened.
    /// The returned disposable closes what this call opened.
    /// </summary>
    public async Task<(IAnchorLedger Ledger, IDisposable? Owned)> OpenLedgerAsync(TimeProvider time, EmbeddedLedger? embedded = null, CancellationToken cancellationToken = default)
    {
        if (embedded is not null) return (embedded.ForAccount(EmbeddedAccount), null);
        var config = Config.Ledger ?? throw new SiteHomeException($"{Path.Combine(Dir, ConfigFile)}: $.ledger: no ledger configured (set \"embedded\", or \"rpc\" and \"contract\")");
        if (config.Embedded is { } file)
        {
            var ledger = EmbeddedLedger.Open(Path.GetFullPath(file, Dir), time);
            return (ledger.ForAccount(EmbeddedAccount), ledger);
        }
        if (config.Rpc is null || config.Contract is null || config.AccountKeyFile is null)
            throw new SiteHomeException($"{Path.Combine(Dir, ConfigFile)}: $.ledger: an EVM ledger needs \"rpc\", \"contract\" and \"account_key_file\"");
        var keyPath = Path.GetFullPath(config.AccountKeyFile, Dir);
        if (!File.Exists(keyPath)) throw new SiteHomeException($"{keyPath}: no such account key file");
        var evm = await EvmAnchorLedger.ConnectAsync(new EvmLedgerOptions
        {
            RpcUrl = new Uri(config.Rpc),
            ContractAddress = config.Contract,
            PrivateKey = File.ReadAllText(keyPath).Trim(),
            Confirmations = config.Confirmations,
        }, time, cancellationToken).ConfigureAwait(false);
        return (evm, null);
    }

    private static string TryReadSiteId(string configPath)
    {
        try
        {
            return JsonSerializer.Deserialize<SiteConfig>(File.ReadAllText(configPath))?.SiteId ?? "?";
        }
        catch (JsonException)
        {
            return "?";
        }
    }

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
}

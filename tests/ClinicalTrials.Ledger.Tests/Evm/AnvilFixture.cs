using ClinicalTrials.Tests.Shared;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Ledger.Evm;

namespace ClinicalTrials.Ledger.Tests.Evm;

/// <summary>
/// A real anvil (infra/node_modules/.bin/anvil, pinned in infra/package-lock.json) on a free
/// 127.0.0.1 port, started through infra/scripts/start-anvil.sh, with a TrialRegistry deployed
/// from the embedded bytecode. Without anvil every test of the collection fails, saying how to
/// install it: ./test.sh installs it, so a missing anvil is a broken setup, never a skip.
/// </summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private LocalAnvil? _anvil;
    private long _requestId;

    public Uri RpcUrl => _anvil?.RpcUrl ?? throw new InvalidOperationException("anvil is not started");

    public string ContractAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _anvil = await LocalAnvil.StartAsync(Path.Combine(RepoRoot.Find(), "infra"), StartTimeout);
        ContractAddress = await EvmAnchorLedger.DeployAsync(Options(AnvilAccounts.Sponsor));
    }

    /// <summary>The last lines anvil printed, for failure messages.</summary>
    public string Output => _anvil?.Output ?? "";

    public Task DisposeAsync()
    {
        _anvil?.Dispose();
        _http.Dispose();
        return Task.CompletedTask;
    }

    public EvmLedgerOptions Options(int account) => new()
    {
        RpcUrl = RpcUrl,
        PrivateKey = AnvilAccounts.PrivateKeys[account],
        ContractAddress = ContractAddress,
        PollInterval = TimeSpan.FromMilliseconds(20),
        ReceiptTimeout = TimeSpan.FromMinutes(1),
    };

    public Task<EvmAnchorLedger> ConnectAsync(int account) => EvmAnchorLedger.ConnectAsync(Options(account));

    /// <summary>A raw JSON-RPC call, for what the ledger does not expose (anvil's own methods, gas, nonces).</summary>
    public async Task<JsonElement> RpcAsync(string method, params object?[] parameters)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = Interlocked.Increment(ref _requestId),
            ["method"] = method,
            ["params"] = JsonSerializer.SerializeToNode(parameters),
        };
        using var response = await _http.PostAsJsonAsync(RpcUrl, request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method} failed: {error}");
        }

        return body.GetProperty("result").Clone();
    }
}

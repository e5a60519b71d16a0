using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
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
    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private Process? _process;
    private long _requestId;

    public Uri RpcUrl { get; private set; } = null!;

    public string ContractAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var root = RepoRoot.Find();
        var anvil = Path.Combine(root, "infra", "node_modules", ".bin", "anvil");
        if (!File.Exists(anvil))
        {
            throw new InvalidOperationException($"anvil is not installed ({anvil} is missing): run `npm ci` in infra/ (./test.sh does)");
        }

        var script = Path.Combine(root, "infra", "scripts", "start-anvil.sh");
        Exception? last = null;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            // Another process may take the port between probing and anvil binding it: try another.
            var port = FreePort();
            try
            {
                await StartAsync(script, port);
                break;
            }
            catch (Exception e) when (attempt < 3)
            {
                last = e;
                StopProcess();
            }
        }

        if (_process is null) throw new InvalidOperationException("anvil did not start", last);
        ContractAddress = await EvmAnchorLedger.DeployAsync(Options(AnvilAccounts.Sponsor));
    }

    private async Task StartAsync(string script, int port)
    {
        var start = new ProcessStartInfo("bash", [script, port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + script);
        _process = process;
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        RpcUrl = new Uri($"http://127.0.0.1:{port}");
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"anvil exited with code {process.ExitCode} before answering on port {port}:\n{Output}");
            }

            try
            {
                await RpcAsync("eth_chainId");
                return;
            }
            catch (HttpRequestException) when (watch.Elapsed < StartTimeout)
            {
                await Task.Delay(100);
            }
            catch (HttpRequestException e)
            {
                throw new InvalidOperationException($"anvil did not answer on port {port} within {StartTimeout}:\n{Output}", e);
            }
        }
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 200) _output.TryDequeue(out _);
    }

    /// <summary>The last lines anvil printed, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    public Task DisposeAsync()
    {
        StopProcess();
        _http.Dispose();
        return Task.CompletedTask;
    }

    private void StopProcess()
    {
        if (_process is null) return;
        try
        {
            // The script execs node's anvil wrapper, which runs the anvil binary: end all of them.
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _process = null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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

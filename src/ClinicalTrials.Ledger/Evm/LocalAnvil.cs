using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ClinicalTrials.Ledger.Evm;

/// <summary>
/// A local development chain: the anvil pinned in <c>infra/package-lock.json</c>, started through
/// <c>infra/scripts/start-anvil.sh</c> on a free 127.0.0.1 port (chain id 31337, the published
/// "test … junk" development accounts). For tests, benchmarks and local runs; never a production chain.
/// </summary>
public sealed class LocalAnvil : IDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private LocalAnvil() { }

    /// <summary>The JSON-RPC endpoint.</summary>
    public Uri RpcUrl { get; private set; } = null!;

    /// <summary>The last lines anvil printed, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Starts anvil from <paramref name="infraDirectory"/> and waits until it answers. A missing
    /// anvil is an <see cref="InvalidOperationException"/> saying to run <c>npm ci</c> there.
    /// </summary>
    public static async Task<LocalAnvil> StartAsync(string infraDirectory, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var binary = Path.Combine(infraDirectory, "node_modules", ".bin", "anvil");
        if (!File.Exists(binary))
            throw new InvalidOperationException($"anvil is not installed ({binary} is missing): run `npm ci` in infra/ (./test.sh does)");
        var script = Path.Combine(infraDirectory, "scripts", "start-anvil.sh");
        var anvil = new LocalAnvil();
        Exception? last = null;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            // Another process may take the port between probing and anvil binding it: try another.
            try
            {
                await anvil.RunAsync(script, FreePort(), timeout, cancellationToken);
                return anvil;
            }
            catch (Exception e) when (attempt < 3 && e is not OperationCanceledException)
            {
                last = e;
                anvil.Stop();
            }
        }
        anvil.Dispose();
        throw new InvalidOperationException("anvil did not start", last);
    }

    private async Task RunAsync(string script, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var process = Process.Start(new ProcessStartInfo("bash", [script, port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("could not start " + script);
        _process = process;
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        RpcUrl = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"anvil exited with code {process.ExitCode} before answering on port {port}:\n{Output}");
            try
            {
                using var body = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}""", Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(RpcUrl, body, cancellationToken);
                response.EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException) when (watch.Elapsed < timeout)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new InvalidOperationException($"anvil did not answer on port {port} within {timeout}:\n{Output}", e);
            }
        }
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 200) _output.TryDequeue(out _);
    }

    /// <summary>Stops anvil.</summary>
    public void Dispose() => Stop();

    private void Stop()
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
}

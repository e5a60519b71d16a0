using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ClinicalTrials.Benchmarks.Verbs;

/// <summary>The pinned anvil from infra/node_modules on a free 127.0.0.1 port, for benchmarks.</summary>
internal sealed class LocalAnvil : IDisposable
{
    /// <summary>Account 0 of anvil's published "test … junk" development mnemonic (a public, well-known key).</summary>
    public const string DevelopmentKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    private readonly Process _process;

    private LocalAnvil(Process process, Uri rpcUrl)
    {
        _process = process;
        RpcUrl = rpcUrl;
    }

    public Uri RpcUrl { get; }

    public static async Task<LocalAnvil> StartAsync(CancellationToken cancellationToken)
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "ClinicalTrials.sln"))) root = Path.GetDirectoryName(root);
        if (root is null) throw new NotSupportedException("--ledger anvil: cannot find the repository (ClinicalTrials.sln) above " + AppContext.BaseDirectory);
        var script = Path.Combine(root, "infra", "scripts", "start-anvil.sh");
        if (!File.Exists(Path.Combine(root, "infra", "node_modules", ".bin", "anvil")))
            throw new NotSupportedException("--ledger anvil: anvil is not installed: run `npm ci` in infra/ (./test.sh does)");

        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo("bash", [script, port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("could not start " + script);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var anvil = new LocalAnvil(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"anvil exited with code {process.ExitCode} before answering on port {port}");
            try
            {
                using var body = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}""", System.Text.Encoding.UTF8, "application/json");
                (await http.PostAsync(anvil.RpcUrl, body, cancellationToken)).EnsureSuccessStatusCode();
                return anvil;
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100, cancellationToken);
            }
            catch
            {
                anvil.Dispose();
                throw;
            }
        }
    }

    public void Dispose()
    {
        // The script execs node's anvil wrapper, which runs the anvil binary: end the whole tree.
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

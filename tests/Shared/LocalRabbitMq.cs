using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ClinicalTrials.Tests.Shared;

/// <summary>
/// A private RabbitMQ node on a free 127.0.0.1 port, started with infra/scripts/start-rabbitmq.sh
/// (Debian's rabbitmq-server, which ./test.sh installs as root), its state in a temporary
/// directory removed on dispose. A missing broker is a failure that says how to install it, never a skip.
/// </summary>
public sealed class LocalRabbitMq : IDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _dataDir = Directory.CreateTempSubdirectory("ct-rabbit-").FullName;
    private Process? _process;

    /// <summary>The broker's AMQP URI (guest over loopback).</summary>
    public Uri Uri { get; private set; } = null!;

    /// <summary>The last lines the broker printed, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts the node and waits until it accepts AMQP connections.</summary>
    public static async Task<LocalRabbitMq> StartAsync(TimeSpan timeout)
    {
        const string server = "/usr/lib/rabbitmq/bin/rabbitmq-server";
        if (!File.Exists(server))
            throw new InvalidOperationException($"RabbitMQ is not installed ({server} is missing): apt-get install rabbitmq-server (./test.sh does when run as root)");
        var rabbit = new LocalRabbitMq();
        try
        {
            await rabbit.RunAsync(Path.Combine(RepoRoot.Find(), "infra", "scripts", "start-rabbitmq.sh"), FreePort(), timeout);
            return rabbit;
        }
        catch
        {
            rabbit.Dispose();
            throw;
        }
    }

    private async Task RunAsync(string script, int port, TimeSpan timeout)
    {
        var process = Process.Start(new ProcessStartInfo("bash", [script, port.ToString(CultureInfo.InvariantCulture), _dataDir])
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
        Uri = new Uri($"amqp://guest:guest@127.0.0.1:{port}/");
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"rabbitmq-server exited with code {process.ExitCode} before listening on port {port}:\n{Output}");
            try
            {
                // The broker opens its AMQP listener last, once it is ready to serve.
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (watch.Elapsed < timeout)
            {
                await Task.Delay(200);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"rabbitmq-server did not listen on port {port} within {timeout}:\n{Output}", e);
            }
        }
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 200) _output.TryDequeue(out _);
    }

    private static int FreePort()
    {
        // The Erlang distribution port is PORT + 20000, so PORT must stay below 45536.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (port < 45536) return port;
        }
        return 20000 + Random.Shared.Next(25000);
    }

    /// <summary>Stops the node and removes its data.</summary>
    public void Dispose()
    {
        if (_process is not null)
        {
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            _process.Dispose();
        }
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process; the temp directory is the system's to clean.
        }
    }
}

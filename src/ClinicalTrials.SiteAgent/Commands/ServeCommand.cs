using System.CommandLine;
using ClinicalTrials.Site.Hosting;
using Microsoft.Extensions.Hosting;

namespace ClinicalTrials.SiteAgent.Commands;

/// <summary>
/// <c>serve --site-dir DIR [--site-dir DIR]... [--rabbitmq URI] [--silo-port N] [--gateway-port N]</c>:
/// runs the agent: an Orleans silo with a SiteGrain per (trial, site) and one RabbitMQ queue per
/// site (<c>site-{id}</c>), answering analysis requests until stopped. One agent may serve several
/// sites of an organisation, each with its own directory, key and policy.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dirs = new Option<string[]>("--site-dir") { Description = "A site directory to serve (repeat for several sites)", Required = true };
        var rabbit = new Option<string>("--rabbitmq")
        {
            Description = "RabbitMQ URI (amqp://user:password@host:5672/vhost)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CT_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/",
        };
        var siloPort = new Option<int>("--silo-port") { Description = "Orleans silo port", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Orleans gateway port", DefaultValueFactory = _ => 30000 };
        var command = new Command("serve", "Answer analysis requests from the bus until stopped") { dirs, rabbit, siloPort, gatewayPort };
        command.SetAction((parse, cancellationToken) => Verb.RunAsync("serve", stderr, async () =>
        {
            if (!Uri.TryCreate(parse.GetValue(rabbit), UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps" or "rabbitmq"))
                throw new UsageException($"--rabbitmq '{parse.GetValue(rabbit)}': expected amqp://user:password@host:5672/vhost");
            var runtimes = new List<SiteRuntime>();
            try
            {
                foreach (var dir in parse.GetValue(dirs)!)
                    runtimes.Add(await SiteRuntime.OpenAsync(SiteHome.Open(dir), TimeProvider.System, cancellationToken: cancellationToken));
                var builder = Host.CreateApplicationBuilder();
                builder.AddSiteAgentServices(new SiteAgentOptions { RabbitMq = uri, SiloPort = parse.GetValue(siloPort), GatewayPort = parse.GetValue(gatewayPort) },
                    new HostedSites(runtimes.Select(r => r.Hosted)));
                using var host = builder.Build();
                await stdout.WriteLineAsync($"serving {string.Join(", ", runtimes.Select(r => r.Home.SiteId))} on {uri.Host}:{uri.Port} (queues {string.Join(", ", runtimes.Select(r => Contracts.SiteEndpoints.QueueName(r.Home.SiteId)))})");
                await host.RunAsync(cancellationToken);
                return 0;
            }
            finally
            {
                foreach (var r in runtimes) await r.DisposeAsync();
            }
        }));
        return command;
    }
}

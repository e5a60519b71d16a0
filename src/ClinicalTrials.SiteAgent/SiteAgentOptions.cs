namespace ClinicalTrials.SiteAgent;

/// <summary>How a site agent's host runs: bus transport and the local silo's ports.</summary>
public sealed record SiteAgentOptions
{
    /// <summary>RabbitMQ URI (<c>amqp://user:password@host:5672/vhost</c>); null runs an in-memory bus (tests, single process).</summary>
    public Uri? RabbitMq { get; init; }

    /// <summary>Orleans silo port (several agents on one machine need distinct ports).</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>Orleans gateway port.</summary>
    public int GatewayPort { get; init; } = 30000;
}

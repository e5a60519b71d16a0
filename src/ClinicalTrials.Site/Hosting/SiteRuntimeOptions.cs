using ClinicalTrials.Core.Merkle;
using ClinicalTrials.Ledger.Embedded;

namespace ClinicalTrials.Site.Hosting;

/// <summary>How a site is brought up beyond what its directory says.</summary>
public sealed record SiteRuntimeOptions
{
    /// <summary>An embedded ledger already open in this process (the embedded demo); else the one in <c>site.json</c>.</summary>
    public EmbeddedLedger? SharedLedger { get; init; }

    /// <summary>Allocation seeds: the OS CSPRNG when null; a seeded source replays a demo.</summary>
    public INonceSource? Seeds { get; init; }

    /// <summary>Whether a ledger is needed: commands that only read or ingest run without one.</summary>
    public bool RequireLedger { get; init; } = true;

    /// <summary>Longest an anchor batch stays open before it is sealed and anchored.</summary>
    public TimeSpan BatchMaxAge { get; init; } = TimeSpan.FromSeconds(30);
}

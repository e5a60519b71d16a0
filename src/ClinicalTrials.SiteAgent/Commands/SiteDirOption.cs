using System.CommandLine;

namespace ClinicalTrials.SiteAgent.Commands;

/// <summary>The <c>--site-dir</c> option every verb takes.</summary>
internal static class SiteDirOption
{
    public static Option<string> Create() => new("--site-dir")
    {
        Description = "The site's directory: its database, keys, policy and anchor batches",
        Required = true,
    };
}

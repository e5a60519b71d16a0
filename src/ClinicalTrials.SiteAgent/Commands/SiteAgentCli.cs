using System.CommandLine;

namespace ClinicalTrials.SiteAgent.Commands;

/// <summary>The site agent's command line, writing to the given streams (the console, or a test's).</summary>
public static class SiteAgentCli
{
    /// <summary>Builds the root command with every verb.</summary>
    public static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("ClinicalTrials site agent: holds a site's data, ingests it, records consent, randomizes, and answers analyses with signed aggregates");
        root.Subcommands.Add(InitCommand.Create(stdout, stderr));
        root.Subcommands.Add(IngestCommand.Create(stdout, stderr));
        root.Subcommands.Add(QuarantineCommand.Create(stdout, stderr));
        return root;
    }

    /// <summary>Runs <paramref name="args"/>; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        Build(stdout, stderr).Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
}

using ClinicalTrials.SiteAgent.Commands;

namespace ClinicalTrials.Site.Tests.Support;

/// <summary>Runs the site agent's command line in process and captures what it prints.</summary>
public static class Cli
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await SiteAgentCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}

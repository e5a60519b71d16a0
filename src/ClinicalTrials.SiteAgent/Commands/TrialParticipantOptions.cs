using System.CommandLine;

namespace ClinicalTrials.SiteAgent.Commands;

/// <summary>The <c>--trial</c> and <c>--participant</c> options of the consent and enrollment verbs.</summary>
internal static class TrialParticipantOptions
{
    public static Option<string> Trial() => new("--trial") { Description = "Trial id", Required = true };

    public static Option<string> Participant() => new("--participant") { Description = "The site's participant id", Required = true };
}

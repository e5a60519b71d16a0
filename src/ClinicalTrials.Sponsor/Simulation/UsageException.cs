namespace ClinicalTrials.Sponsor.Simulation;

/// <summary>A command line or input the user can fix; printed without a stack trace, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

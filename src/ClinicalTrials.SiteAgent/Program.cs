using ClinicalTrials.SiteAgent.Commands;

return await SiteAgentCli.RunAsync(args, Console.Out, Console.Error);

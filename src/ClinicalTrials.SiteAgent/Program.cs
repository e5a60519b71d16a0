using System.CommandLine;
using ClinicalTrials.SiteAgent.Commands;

var root = new RootCommand("ClinicalTrials site agent: holds a site's data, ingests it, records consent, randomizes, and answers analyses with signed aggregates");
root.Subcommands.Add(InitCommand.Create());
return await root.Parse(args).InvokeAsync();

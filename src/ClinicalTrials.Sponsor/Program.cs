using System.CommandLine;
using ClinicalTrials.Sponsor.Commands;

var root = new RootCommand("ClinicalTrials sponsor host: trial design console, coordinator and tools");
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
return root.Parse(args).Invoke();

using System.CommandLine;

var root = new RootCommand("ClinicalTrials sponsor host: trial design console, coordinator and tools");
return root.Parse(args).Invoke();

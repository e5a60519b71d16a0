Console.Error.WriteLine("usage: ClinicalTrials.Benchmarks <verb>");
return 2;

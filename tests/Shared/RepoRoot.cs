namespace ClinicalTrials.Tests.Shared;

/// <summary>The repository checkout the tests run from: the first directory above the test assembly holding ClinicalTrials.sln.</summary>
internal static class RepoRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClinicalTrials.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"no ClinicalTrials.sln above {AppContext.BaseDirectory}");
    }
}

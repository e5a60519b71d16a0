using ClinicalTrials.Tests.Shared;
using System.Diagnostics;
using ClinicalTrials.Ledger.Evm;

namespace ClinicalTrials.Ledger.Tests.Evm;

/// <summary>The committed, embedded contract artifact is what the pinned solc makes of the committed source.</summary>
public sealed class TrialRegistryArtifactTests
{
    private static readonly string Root = RepoRoot.Find();
    private static readonly string Committed = Path.Combine(Root, "src", "ClinicalTrials.Ledger", "Contracts", "TrialRegistry.json");

    [Fact]
    public async Task The_committed_artifact_is_not_stale()
    {
        var solc = Path.Combine(Root, "infra", "node_modules", "solc");
        Assert.True(Directory.Exists(solc), $"solc is not installed ({solc} is missing): run `npm ci` in infra/ (./test.sh does)");
        var fresh = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo("node", [Path.Combine(Root, "infra", "scripts", "compile-contracts.mjs"), "--out", fresh])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                WorkingDirectory = Root,
            };
            using var node = Process.Start(start)!;
            var errors = node.StandardError.ReadToEndAsync();
            var output = node.StandardOutput.ReadToEndAsync();
            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(node.ExitCode == 0, $"compile-contracts.mjs failed:\n{await errors}{await output}");

            Assert.True(File.ReadAllText(fresh) == File.ReadAllText(Committed),
                "src/ClinicalTrials.Ledger/Contracts/TrialRegistry.json is stale: run `node infra/scripts/compile-contracts.mjs` and commit it");
        }
        finally
        {
            File.Delete(fresh);
        }
    }

    [Fact]
    public void The_assembly_embeds_the_committed_artifact()
    {
        Assert.Equal(File.ReadAllText(Committed), TrialRegistryArtifact.ReadText());
        var artifact = TrialRegistryArtifact.Load();
        Assert.StartsWith("solc-js 0.8.37+", artifact.Compiler);
        Assert.StartsWith("0x6080", artifact.Bytecode);
        Assert.True(artifact.DeployedBytecode.Length / 2 - 1 < 24_576, "EIP-170: deployed code must stay under 24 KiB");
    }
}

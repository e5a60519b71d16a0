using System.Text.Json;

namespace ClinicalTrials.Ledger.Evm;

/// <summary>
/// The compiled TrialRegistry contract (ABI and bytecode) embedded from Contracts/TrialRegistry.json,
/// which infra/scripts/compile-contracts.mjs writes; a test fails when it is stale.
/// </summary>
internal sealed class TrialRegistryArtifact
{
    /// <summary>Manifest name of the embedded artifact.</summary>
    public const string ResourceName = "ClinicalTrials.Ledger.Contracts.TrialRegistry.json";

    private TrialRegistryArtifact(string compiler, string abi, string bytecode, string deployedBytecode)
    {
        Compiler = compiler;
        Abi = abi;
        Bytecode = bytecode;
        DeployedBytecode = deployedBytecode;
    }

    /// <summary>The compiler that produced the bytecode, e.g. <c>solc-js 0.8.37+commit…</c>.</summary>
    public string Compiler { get; }

    /// <summary>The ABI as JSON text.</summary>
    public string Abi { get; }

    /// <summary>Creation bytecode, 0x-prefixed hex.</summary>
    public string Bytecode { get; }

    /// <summary>Runtime bytecode, 0x-prefixed hex (what eth_getCode returns once deployed).</summary>
    public string DeployedBytecode { get; }

    /// <summary>The artifact's text exactly as embedded.</summary>
    public static string ReadText()
    {
        using var stream = typeof(TrialRegistryArtifact).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the Ledger assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Parses the embedded artifact.</summary>
    public static TrialRegistryArtifact Load()
    {
        using var document = JsonDocument.Parse(ReadText());
        var root = document.RootElement;
        return new TrialRegistryArtifact(
            root.GetProperty("compiler").GetString()!,
            root.GetProperty("abi").GetRawText(),
            root.GetProperty("bytecode").GetString()!,
            root.GetProperty("deployedBytecode").GetString()!);
    }
}

namespace ClinicalTrials.Ledger.Tests.Evm;

/// <summary>Tests against one anvil chain and one deployed TrialRegistry; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class AnvilCollection : ICollectionFixture<AnvilFixture>
{
    public const string Name = "anvil";
}

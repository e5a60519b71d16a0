using ClinicalTrials.Core.Merkle;

namespace ClinicalTrials.Core.Tests.Merkle;

public sealed class InclusionProofJsonTests
{
    [Fact]
    public void RoundTripsThroughJsonWithHexHashes()
    {
        var builder = new MerkleTreeBuilder(new MemoryLeafHashStore());
        for (int i = 0; i < 13; i++) builder.AppendLeaf([(byte)i]);
        var proof = builder.ProveInclusion(6);

        string json = proof.ToJson();
        var back = InclusionProof.FromJson(json);

        Assert.StartsWith($$"""{"leaf_index":6,"tree_size":13,"leaf_hash":"{{proof.LeafHash}}","audit_path":["{{proof.AuditPath[0]}}",""", json);
        Assert.Equal(proof, back);
        Assert.True(MerkleVerifier.VerifyInclusion(back, builder.Root));
    }

    [Theory]
    [InlineData("""{"leaf_index":0,"tree_size":1,"leaf_hash":"zz","audit_path":[]}""")]
    [InlineData("""{"leaf_index":0,"tree_size":1,"audit_path":[]}""")]
    [InlineData("""{"leaf_index":0,"tree_size":1,"leaf_hash":"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d","audit_path":[5]}""")]
    [InlineData("[]")]
    [InlineData("not json")]
    public void MalformedProofsAreRejected(string json) => Assert.Throws<FormatException>(() => InclusionProof.FromJson(json));
}

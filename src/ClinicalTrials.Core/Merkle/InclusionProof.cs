using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalTrials.Core.Merkle;

/// <summary>
/// RFC 6962 / RFC 9162 inclusion proof: the audit path from one leaf to the root of a tree of
/// <see cref="TreeSize"/> leaves. JSON form: <c>{"leaf_index":…,"tree_size":…,"leaf_hash":"hex","audit_path":["hex",…]}</c>.
/// </summary>
/// <param name="LeafIndex">Zero-based index of the leaf.</param>
/// <param name="TreeSize">Number of leaves in the tree whose root the proof leads to.</param>
/// <param name="LeafHash">The leaf's hash.</param>
/// <param name="AuditPath">Sibling hashes, leaf level first.</param>
public sealed record InclusionProof(
    [property: JsonPropertyName("leaf_index")] long LeafIndex,
    [property: JsonPropertyName("tree_size")] long TreeSize,
    [property: JsonPropertyName("leaf_hash")] NodeHash LeafHash,
    [property: JsonPropertyName("audit_path")] ImmutableArray<NodeHash> AuditPath)
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>The compact JSON form.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads the JSON form.</summary>
    /// <exception cref="FormatException">The text is not an inclusion proof; the message says which part is wrong.</exception>
    public static InclusionProof FromJson(string json)
    {
        try
        {
            var proof = JsonSerializer.Deserialize<InclusionProof>(json, Options);
            if (proof is null || proof.AuditPath.IsDefault)
                throw new FormatException("inclusion proof: expected an object with leaf_index, tree_size, leaf_hash and audit_path");
            return proof;
        }
        catch (JsonException e)
        {
            throw new FormatException($"inclusion proof: {e.Message}", e);
        }
    }

    /// <summary>Value equality, including the audit path's contents.</summary>
    public bool Equals(InclusionProof? other) =>
        other is not null && LeafIndex == other.LeafIndex && TreeSize == other.TreeSize && LeafHash == other.LeafHash
        && AuditPath.AsSpan().SequenceEqual(other.AuditPath.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(LeafIndex, TreeSize, LeafHash, AuditPath.Length);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions { RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

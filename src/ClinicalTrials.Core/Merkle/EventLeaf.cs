using ClinicalTrials.Core.Hashing;

namespace ClinicalTrials.Core.Merkle;

/// <summary>
/// An event appended to a tree: what its owner must keep (the nonce, secret until disclosure)
/// to later prove the event is in an anchored root.
/// </summary>
/// <param name="Index">Leaf index in the tree.</param>
/// <param name="Nonce">The 32-byte commitment nonce, as 64 hex digits.</param>
/// <param name="EventHash">Content hash of the event's canonical bytes.</param>
/// <param name="LeafHash">The committed leaf hash stored in the tree.</param>
public sealed record EventLeaf(long Index, string Nonce, ContentHash EventHash, NodeHash LeafHash);

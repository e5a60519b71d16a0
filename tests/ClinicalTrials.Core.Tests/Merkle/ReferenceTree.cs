using ClinicalTrials.Core.Merkle;

namespace ClinicalTrials.Core.Tests.Merkle;

/// <summary>RFC 6962 §2.1 MTH and PATH written straight from their recursive definitions, as an oracle.</summary>
internal static class ReferenceTree
{
    public static NodeHash Root(IReadOnlyList<NodeHash> leaves, int start, int count)
    {
        if (count == 0) return Rfc6962.EmptyRoot;
        if (count == 1) return leaves[start];
        int k = Split(count);
        return Rfc6962.HashChildren(Root(leaves, start, k), Root(leaves, start + k, count - k));
    }

    public static List<NodeHash> Path(IReadOnlyList<NodeHash> leaves, int m, int start, int count)
    {
        if (count <= 1) return [];
        int k = Split(count);
        if (m < k)
        {
            var path = Path(leaves, m, start, k);
            path.Add(Root(leaves, start + k, count - k));
            return path;
        }
        var right = Path(leaves, m - k, start + k, count - k);
        right.Add(Root(leaves, start, k));
        return right;
    }

    private static int Split(int n)
    {
        int k = 1;
        while (k * 2 < n) k *= 2;
        return k;
    }
}

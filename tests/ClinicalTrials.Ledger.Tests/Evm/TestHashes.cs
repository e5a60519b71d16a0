using System.Text;
using ClinicalTrials.Core.Hashing;

namespace ClinicalTrials.Ledger.Tests.Evm;

internal static class TestHashes
{
    /// <summary>A distinct, reproducible content hash per label.</summary>
    public static ContentHash Of(string label) => ContentHash.OfBytes(Encoding.UTF8.GetBytes(label));
}

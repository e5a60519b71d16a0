using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Core.Protocol;

namespace ClinicalTrials.Site.Randomization;

/// <summary>
/// Stratified permuted blocks, generated deterministically from a 256-bit seed, and the commitment
/// to them. For each stratum key (<see cref="AllocationScheme.StratumKeys"/>), independently, with
/// that stratum's <see cref="DrawStream"/> (s = Σ ratios):
/// <list type="number">
/// <item>while the list is shorter than <see cref="AllocationScheme.ListLength"/>: draw the block size
/// <c>size = block_sizes[draw(len(block_sizes))]</c> (a draw even when there is one size);</item>
/// <item>fill the block with each arm, in protocol order, <c>ratio × size / s</c> times;</item>
/// <item>shuffle it by Fisher–Yates from the end: for i = size−1 down to 1, <c>j = draw(i + 1)</c>,
/// swap entries i and j;</item>
/// <item>append it (positions and blocks are numbered from 1).</item>
/// </list>
/// The commitment is the <see cref="ContentHash"/> (SHA-256 of the RFC 8785 canonical form) of
/// <c>{"trial":…, "site":n, "seed":"&lt;64 hex&gt;", "lists":{"&lt;stratum key&gt;":["arm", …], …}}</c>.
/// The seed is random and secret until unblinding, so the commitment hides the lists; it binds them,
/// so they cannot be changed afterwards.
/// </summary>
public static class AllocationSequence
{
    /// <summary>Every stratum's list, by stratum key.</summary>
    public static ImmutableSortedDictionary<string, ImmutableArray<AllocationSlot>> Generate(AllocationScheme scheme, ReadOnlySpan<byte> seed)
    {
        var lists = ImmutableSortedDictionary.CreateBuilder<string, ImmutableArray<AllocationSlot>>(StringComparer.Ordinal);
        foreach (var key in scheme.StratumKeys()) lists[key] = GenerateStratum(scheme, seed, key);
        return lists.ToImmutable();
    }

    /// <summary>One stratum's list.</summary>
    public static ImmutableArray<AllocationSlot> GenerateStratum(AllocationScheme scheme, ReadOnlySpan<byte> seed, string stratumKey)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var stream = new DrawStream(seed, stratumKey);
        var sum = scheme.Arms.Sum(a => a.Ratio);
        var slots = ImmutableArray.CreateBuilder<AllocationSlot>();
        var block = 0;
        while (slots.Count < scheme.ListLength)
        {
            block++;
            var size = scheme.BlockSizes[stream.Next(scheme.BlockSizes.Length)];
            var arms = new List<string>(size);
            foreach (var arm in scheme.Arms) arms.AddRange(Enumerable.Repeat(arm.Id, arm.Ratio * size / sum));
            for (var i = size - 1; i >= 1; i--)
            {
                var j = stream.Next(i + 1);
                (arms[i], arms[j]) = (arms[j], arms[i]);
            }
            foreach (var arm in arms) slots.Add(new AllocationSlot(slots.Count + 1, block, arm));
        }
        return slots.ToImmutable();
    }

    /// <summary>The commitment to <paramref name="lists"/> (arm ids in position order, by stratum key) under the seed.</summary>
    public static ContentHash Commitment(string trialId, int siteNumber, string seedHex, IEnumerable<KeyValuePair<string, ImmutableArray<string>>> lists)
    {
        var listsJson = new JsonObject();
        foreach (var (key, arms) in lists) listsJson[key] = new JsonArray([.. arms.Select(a => (JsonNode?)a)]);
        return ContentHash.Of(new JsonObject
        {
            ["trial"] = trialId,
            ["site"] = siteNumber,
            ["seed"] = seedHex,
            ["lists"] = listsJson,
        });
    }

    /// <summary>Arm ids of each list, the form the commitment and the reveal use.</summary>
    public static ImmutableSortedDictionary<string, ImmutableArray<string>> Arms(IEnumerable<KeyValuePair<string, ImmutableArray<AllocationSlot>>> lists) =>
        lists.ToImmutableSortedDictionary(l => l.Key, l => l.Value.Select(s => s.Arm).ToImmutableArray(), StringComparer.Ordinal);

    /// <summary>
    /// Regenerates the lists from the reveal's seed and scheme, compares them with the revealed lists,
    /// and recomputes the commitment. Whether that commitment is the one anchored before the first
    /// enrollment is the other overload's check.
    /// </summary>
    public static AllocationVerification Verify(AllocationReveal reveal)
    {
        ArgumentNullException.ThrowIfNull(reveal);
        var problems = ImmutableArray.CreateBuilder<string>();
        if (reveal.Seed.Length != 64 || !reveal.Seed.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
            return new AllocationVerification([$"the seed is not 64 lowercase hex digits: '{reveal.Seed}'"]);
        ImmutableSortedDictionary<string, ImmutableArray<string>> regenerated;
        try
        {
            regenerated = Arms(Generate(reveal.Scheme, Convert.FromHexString(reveal.Seed)));
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or DivideByZeroException)
        {
            return new AllocationVerification([$"the scheme cannot generate lists: {e.Message}"]);
        }
        foreach (var key in regenerated.Keys.Except(reveal.Lists.Keys, StringComparer.Ordinal))
            problems.Add($"stratum {key}: missing from the revealed lists");
        foreach (var key in reveal.Lists.Keys.Except(regenerated.Keys, StringComparer.Ordinal))
            problems.Add($"stratum {key}: not a stratum of the scheme");
        foreach (var (key, expected) in regenerated)
        {
            if (!reveal.Lists.TryGetValue(key, out var revealed)) continue;
            if (revealed.Length != expected.Length)
                problems.Add($"stratum {key}: {revealed.Length} entries revealed, the seed gives {expected.Length}");
            var first = Enumerable.Range(0, Math.Min(revealed.Length, expected.Length)).FirstOrDefault(i => revealed[i] != expected[i], -1);
            if (first >= 0)
                problems.Add($"stratum {key}: position {first + 1} is '{revealed[first]}' in the revealed list, the seed gives '{expected[first]}'");
        }
        var recomputed = Commitment(reveal.Scheme.TrialId, reveal.Scheme.SiteNumber, reveal.Seed, reveal.Lists);
        if (recomputed.ToString() != reveal.Commitment)
            problems.Add($"the commitment of the revealed seed and lists is {recomputed}, the reveal states {reveal.Commitment}");
        return new AllocationVerification(problems.ToImmutable());
    }

    /// <summary>
    /// <see cref="Verify(AllocationReveal)"/>, and that the commitment is <paramref name="anchoredCommitment"/>
    /// (the value of the randomization_commitment event anchored before the first enrollment) and,
    /// given the <paramref name="protocol"/>, that the scheme is the protocol's.
    /// </summary>
    public static AllocationVerification Verify(AllocationReveal reveal, ContentHash anchoredCommitment, ProtocolDocument? protocol = null)
    {
        var problems = Verify(reveal).Problems.ToBuilder();
        if (reveal.Commitment != anchoredCommitment.ToString())
            problems.Add($"the reveal's commitment {reveal.Commitment} is not the anchored commitment {anchoredCommitment}");
        if (protocol is not null)
        {
            var expected = AllocationScheme.From(protocol, reveal.Scheme.SiteNumber);
            var actual = reveal.Scheme;
            if (expected.TrialId != actual.TrialId || expected.ListLength != actual.ListLength
                || !expected.Arms.SequenceEqual(actual.Arms) || !expected.BlockSizes.SequenceEqual(actual.BlockSizes)
                || expected.Strata.Length != actual.Strata.Length
                || expected.Strata.Zip(actual.Strata).Any(p => p.First.Name != p.Second.Name || !p.First.Levels.SequenceEqual(p.Second.Levels)))
                problems.Add($"the reveal's scheme is not the randomization of protocol {protocol.TrialId} version {protocol.Version} for site {actual.SiteNumber}");
        }
        return new AllocationVerification(problems.ToImmutable());
    }
}

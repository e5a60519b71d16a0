using System.Collections.Immutable;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Core.Merkle;
using ClinicalTrials.Site.Randomization;
using ClinicalTrials.Site.Tests.Support;

namespace ClinicalTrials.Site.Tests.Randomization;

public sealed class AllocationSequenceTests
{
    /// <summary>Seed bytes 00 01 02 … 1f.</summary>
    private static readonly byte[] CountingSeed = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    private static AllocationScheme Scheme(string trial, int site) =>
        AllocationScheme.From(ExampleTrials.Join(trial, site).Protocol, site);

    private static byte[] Seed(long n)
    {
        var seed = new byte[32];
        new SeededNonceSource(n).Fill(seed);
        return seed;
    }

    // Known answers computed independently with Python's hashlib from the algorithm as documented on
    // DrawStream and AllocationSequence (not from this code):
    //   raw(c) = int.from_bytes(sha256(seed + key.encode() + c.to_bytes(8, "big")).digest()[:8], "big")
    //   next(n): x = raw(c); c += 1; accept when x < 2**64 - 2**64 % n, return x % n
    [Fact]
    public void Draw_stream_matches_the_documented_algorithm()
    {
        var stream = new DrawStream(CountingSeed, "site=2");
        Assert.Equal([11237611499252100391UL, 1445206358234656911UL, 17241235414167959994UL], [stream.NextRaw(), stream.NextRaw(), stream.NextRaw()]);
        Assert.Equal(3UL, stream.Counter);

        var draws = new DrawStream(CountingSeed, "site=2");
        Assert.Equal([1, 3, 0, 1, 0], Enumerable.Range(0, 5).Select(_ => draws.Next(6)));
        // 11237611499252100391 mod 6 = 1: no rejection at this size, as expected (p ≈ 6 / 2^64).
        Assert.Equal(1UL, 11237611499252100391UL % 6);
    }

    [Fact]
    public void Rejection_drops_exactly_the_top_values_that_would_bias_the_modulus()
    {
        // 2^64 mod 6 = 4 (2^64 ≡ 0 mod 2 and ≡ 1 mod 3): the 4 largest values are rejected.
        Assert.True(DrawStream.Accepts(ulong.MaxValue - 4, 6));
        Assert.False(DrawStream.Accepts(ulong.MaxValue - 3, 6));
        Assert.False(DrawStream.Accepts(ulong.MaxValue, 6));
        // 2^64 mod 3 = 1: only the largest value.
        Assert.True(DrawStream.Accepts(ulong.MaxValue - 1, 3));
        Assert.False(DrawStream.Accepts(ulong.MaxValue, 3));
        // Powers of two divide 2^64: nothing is rejected.
        Assert.True(DrawStream.Accepts(ulong.MaxValue, 4));
        Assert.True(DrawStream.Accepts(ulong.MaxValue, 1));
    }

    [Fact]
    public void Hypertension_list_matches_an_independent_implementation()
    {
        // Python, same seed, key "site=2", arms usual_care:1, telemonitoring:1, block sizes [4, 6], length ≥ 300:
        // blocks of 6, 4, 6, …; 302 entries in all.
        var list = AllocationSequence.GenerateStratum(Scheme("hypertension", 2), CountingSeed, "site=2");
        string U = "usual_care", T = "telemonitoring";
        Assert.Equal([U, U, U, T, T, T, U, T, T, U, T, T], list.Take(12).Select(s => s.Arm));
        Assert.Equal([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3], list.Take(12).Select(s => s.Block));
        Assert.Equal(302, list.Length);
        Assert.Equal(Enumerable.Range(1, 302), list.Select(s => s.Position));
    }

    [Fact]
    public void Commitment_matches_an_independent_implementation()
    {
        // Python: arms a:1, b:2, block sizes [3, 6], list length ≥ 5, strata "site=1|g=x" and "site=1|g=y", and
        // sha256 of json.dumps({"trial": "KAT-1", "site": 1, "seed": seed.hex(), "lists": lists}, sort_keys=True, separators=(",", ":")).
        var scheme = new AllocationScheme("KAT-1", 1, [new AllocationArm("a", 1), new AllocationArm("b", 2)], [3, 6],
            [new StratumFactor("g", ["x", "y"])], 5);
        var lists = AllocationSequence.Arms(AllocationSequence.Generate(scheme, CountingSeed));
        Assert.Equal(["site=1|g=x", "site=1|g=y"], lists.Keys);
        Assert.Equal(["a", "b", "b", "b", "b", "a"], lists["site=1|g=x"].ToArray());
        Assert.Equal(["b", "b", "a", "b", "a", "a", "b", "b", "b"], lists["site=1|g=y"].ToArray());
        var commitment = AllocationSequence.Commitment("KAT-1", 1, Convert.ToHexStringLower(CountingSeed), lists);
        Assert.Equal("sha256:b1d722ac3e099e1d6871d6418a06d7c649520561ec68f4835f45db4205073d86", commitment.ToString());
    }

    [Fact]
    public void Strata_are_every_combination_of_levels_with_the_site_first()
    {
        var scheme = Scheme("diabetes-cgm", 3);
        Assert.Equal(["site=3|hba1c_group=lt_8_5", "site=3|hba1c_group=ge_8_5"], scheme.StratumKeys());
        Assert.Equal("site=3|hba1c_group=ge_8_5", scheme.StratumKey(new Dictionary<string, string> { ["hba1c_group"] = "ge_8_5" }));
        Assert.Throws<ArgumentException>(() => scheme.StratumKey(new Dictionary<string, string> { ["hba1c_group"] = "high" }));
        Assert.Equal(["site=1"], Scheme("heart-failure", 1).StratumKeys());
    }

    [Theory]
    [InlineData("hypertension", 1)]
    [InlineData("heart-failure", 4)]
    [InlineData("diabetes-cgm", 2)]
    public void Every_block_is_balanced_and_the_running_imbalance_stays_within_half_the_largest_block(string trial, int site)
    {
        var scheme = Scheme(trial, site);
        var maxBlock = scheme.BlockSizes.Max();
        for (var n = 0; n < 25; n++)
        {
            foreach (var (key, list) in AllocationSequence.Generate(scheme, Seed(n)))
            {
                Assert.True(list.Length >= scheme.ListLength, $"{key}: {list.Length} entries, fewer than {scheme.ListLength}");
                foreach (var block in list.GroupBy(s => s.Block))
                {
                    Assert.Contains(block.Count(), scheme.BlockSizes);
                    // Ratios are 1:1 in the example trials: a block holds each arm half its size times.
                    foreach (var arm in scheme.Arms)
                        Assert.Equal(block.Count() / 2, block.Count(s => s.Arm == arm.Id));
                }
                var imbalance = 0;
                foreach (var slot in list)
                {
                    imbalance += slot.Arm == scheme.Arms[0].Id ? 1 : -1;
                    Assert.True(Math.Abs(imbalance) <= maxBlock / 2, $"{key} seed {n}: imbalance {imbalance} at position {slot.Position}");
                }
                Assert.Equal(0, imbalance); // lists end on a block boundary
            }
        }
    }

    [Fact]
    public void Unequal_ratios_fill_each_block_in_proportion()
    {
        var scheme = new AllocationScheme("R-1", 1, [new AllocationArm("a", 1), new AllocationArm("b", 2)], [3, 6, 9], [], 200);
        for (var n = 0; n < 10; n++)
            foreach (var block in AllocationSequence.GenerateStratum(scheme, Seed(n), "site=1").GroupBy(s => s.Block))
            {
                var k = block.Count() / 3;
                Assert.Equal(k, block.Count(s => s.Arm == "a"));
                Assert.Equal(2 * k, block.Count(s => s.Arm == "b"));
            }
    }

    [Fact]
    public void Same_seed_gives_the_same_lists_and_commitment_and_another_seed_does_not()
    {
        var scheme = Scheme("diabetes-cgm", 1);
        ImmutableSortedDictionary<string, ImmutableArray<string>> Lists(long n) => AllocationSequence.Arms(AllocationSequence.Generate(scheme, Seed(n)));
        ContentHash Commitment(long n) => AllocationSequence.Commitment(scheme.TrialId, 1, Convert.ToHexStringLower(Seed(n)), Lists(n));

        Assert.Equal(Lists(5).SelectMany(l => l.Value), Lists(5).SelectMany(l => l.Value));
        Assert.Equal(Commitment(5), Commitment(5));
        Assert.NotEqual(Lists(5).SelectMany(l => l.Value), Lists(6).SelectMany(l => l.Value));
        Assert.NotEqual(Commitment(5), Commitment(6));
        // The strata of one seed are independent sequences, not copies of each other.
        Assert.NotEqual(Lists(5).Values.First().ToArray(), Lists(5).Values.Last().ToArray());
    }

    [Fact]
    public void A_genuine_reveal_verifies_and_any_tampering_is_found()
    {
        var scheme = Scheme("diabetes-cgm", 2);
        var seed = Seed(11);
        var seedHex = Convert.ToHexStringLower(seed);
        var lists = AllocationSequence.Arms(AllocationSequence.Generate(scheme, seed));
        var commitment = AllocationSequence.Commitment(scheme.TrialId, 2, seedHex, lists);
        var reveal = new AllocationReveal(scheme, seedHex, lists, commitment.ToString(), new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        var protocol = ExampleTrials.Join("diabetes-cgm", 2).Protocol;

        Assert.True(AllocationSequence.Verify(reveal).IsValid);
        Assert.True(AllocationSequence.Verify(reveal, commitment, protocol).IsValid);

        // One arm changed: the list no longer follows from the seed, nor matches the commitment.
        var key = "site=2|hba1c_group=ge_8_5";
        var list = lists[key];
        var flipped = list.SetItem(4, list[4] == "usual_care" ? "cgm_guided" : "usual_care");
        var problems = AllocationSequence.Verify(reveal with { Lists = lists.SetItem(key, flipped) }).Problems;
        Assert.Contains($"stratum {key}: position 5 is '{flipped[4]}' in the revealed list, the seed gives '{list[4]}'", problems);
        Assert.Contains(problems, p => p.StartsWith("the commitment of the revealed seed and lists is", StringComparison.Ordinal));

        // Another seed: the lists do not follow from it.
        Assert.False(AllocationSequence.Verify(reveal with { Seed = Convert.ToHexStringLower(Seed(12)) }).IsValid);

        // A different stated commitment.
        Assert.False(AllocationSequence.Verify(reveal with { Commitment = ContentHash.OfJsonText("{}").ToString() }).IsValid);

        // A wholly consistent forgery from another seed passes on its own, but is not what was anchored.
        var otherSeed = Convert.ToHexStringLower(Seed(13));
        var otherLists = AllocationSequence.Arms(AllocationSequence.Generate(scheme, Seed(13)));
        var forged = reveal with { Seed = otherSeed, Lists = otherLists, Commitment = AllocationSequence.Commitment(scheme.TrialId, 2, otherSeed, otherLists).ToString() };
        Assert.True(AllocationSequence.Verify(forged).IsValid);
        var forgedProblems = AllocationSequence.Verify(forged, commitment).Problems.ToArray();
        Assert.Equal([$"the reveal's commitment {forged.Commitment} is not the anchored commitment {commitment}"], forgedProblems);

        // A scheme other than the protocol's (shorter lists) is caught against the protocol.
        var shortScheme = scheme with { ListLength = 10 };
        var shortLists = AllocationSequence.Arms(AllocationSequence.Generate(shortScheme, seed));
        var shortReveal = new AllocationReveal(shortScheme, seedHex, shortLists, AllocationSequence.Commitment(scheme.TrialId, 2, seedHex, shortLists).ToString(), reveal.RevealedAt);
        Assert.True(AllocationSequence.Verify(shortReveal).IsValid);
        Assert.Contains(AllocationSequence.Verify(shortReveal, ContentHash.Parse(shortReveal.Commitment), protocol).Problems,
            p => p.StartsWith("the reveal's scheme is not the randomization of protocol T2D-CGM-003", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reveal_survives_a_json_round_trip_and_still_verifies()
    {
        var scheme = Scheme("diabetes-cgm", 4);
        var seed = Seed(21);
        var seedHex = Convert.ToHexStringLower(seed);
        var lists = AllocationSequence.Arms(AllocationSequence.Generate(scheme, seed));
        var reveal = new AllocationReveal(scheme, seedHex, lists, AllocationSequence.Commitment(scheme.TrialId, 4, seedHex, lists).ToString(), new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc));

        var copy = System.Text.Json.JsonSerializer.Deserialize<AllocationReveal>(System.Text.Json.JsonSerializer.Serialize(reveal))!;
        Assert.Equal(reveal.Commitment, copy.Commitment);
        Assert.Equal(reveal.Lists.Keys, copy.Lists.Keys);
        Assert.True(AllocationSequence.Verify(copy, ContentHash.Parse(reveal.Commitment), ExampleTrials.Join("diabetes-cgm", 4).Protocol).IsValid);
    }

    [Fact]
    public void Schemes_that_permuted_blocks_cannot_follow_are_refused_with_the_field()
    {
        var protocol = ExampleTrials.Join("hypertension", 1).Protocol;
        var odd = protocol with { Randomization = protocol.Randomization with { BlockSizes = [4, 5] } };
        var e = Assert.Throws<RandomizationException>(() => AllocationScheme.From(odd, 1));
        Assert.Equal("$.randomization.block_sizes[1]: 5 is not a positive multiple of the allocation ratios' sum 2", e.Message);
        var fractional = protocol with { Arms = [protocol.Arms[0] with { AllocationRatio = 1.5 }, protocol.Arms[1]] };
        Assert.StartsWith("$.arms[0].allocation_ratio:", Assert.Throws<RandomizationException>(() => AllocationScheme.From(fractional, 1)).Message);
    }
}

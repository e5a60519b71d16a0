using System.Collections.Immutable;
using ClinicalTrials.Core.Protocol;

namespace ClinicalTrials.Site.Randomization;

/// <summary>
/// Everything, besides the seed, that a site's allocation lists are generated from: the arms and
/// their ratios, the block sizes, the strata and the list length. Part of the reveal, so that
/// anyone can regenerate the lists from the seed (and check the scheme against the registered protocol).
/// </summary>
/// <param name="TrialId">Trial.</param>
/// <param name="SiteNumber">This site's number (the level of the <c>site</c> stratum).</param>
/// <param name="Arms">Arms in protocol order: a block lists them in this order before it is shuffled.</param>
/// <param name="BlockSizes">Block sizes, one drawn per block.</param>
/// <param name="Strata">The stratification factors other than the site, in protocol order.</param>
/// <param name="ListLength">Minimum length of each stratum's list (the planned sample size); a list ends at the first block boundary at or past it.</param>
public sealed record AllocationScheme(
    string TrialId,
    int SiteNumber,
    ImmutableArray<AllocationArm> Arms,
    ImmutableArray<int> BlockSizes,
    ImmutableArray<StratumFactor> Strata,
    int ListLength)
{
    /// <summary>The stratum factor name of the site.</summary>
    public const string SiteFactor = "site";

    /// <summary>The scheme of <paramref name="protocol"/> for site <paramref name="siteNumber"/>.</summary>
    /// <exception cref="RandomizationException">The protocol's randomization cannot be run as permuted blocks (a non-integer ratio, a block size not a multiple of the ratios' sum).</exception>
    public static AllocationScheme From(ProtocolDocument protocol, int siteNumber)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var arms = new List<AllocationArm>();
        for (var i = 0; i < protocol.Arms.Length; i++)
        {
            var ratio = protocol.Arms[i].AllocationRatio;
            if (ratio < 1 || ratio != Math.Floor(ratio) || ratio > 1000)
                throw new RandomizationException($"$.arms[{i}].allocation_ratio: permuted blocks need a whole-number ratio from 1 to 1000, got {ratio}");
            arms.Add(new AllocationArm(protocol.Arms[i].Id, (int)ratio));
        }
        var sum = arms.Sum(a => a.Ratio);
        var sizes = protocol.Randomization.BlockSizes;
        if (sizes.IsEmpty) throw new RandomizationException("$.randomization.block_sizes: no block size");
        for (var i = 0; i < sizes.Length; i++)
            if (sizes[i] <= 0 || sizes[i] % sum != 0)
                throw new RandomizationException($"$.randomization.block_sizes[{i}]: {sizes[i]} is not a positive multiple of the allocation ratios' sum {sum}");
        if (protocol.PlannedSampleSize < 1) throw new RandomizationException("$.planned_sample_size: must be at least 1");
        var strata = protocol.Randomization.Strata
            .Where(s => s.Name != SiteFactor)
            .Select(s => new StratumFactor(s.Name, s.Levels))
            .ToImmutableArray();
        return new AllocationScheme(protocol.TrialId, siteNumber, [.. arms], sizes, strata, protocol.PlannedSampleSize);
    }

    /// <summary>
    /// A stratum's key: <c>site=&lt;n&gt;</c>, then <c>|name=level</c> for each other factor in
    /// protocol order, e.g. <c>site=3|hba1c_group=ge_8_5</c>. Each site has its own lists, so the key
    /// always names the site, whether or not the protocol lists <c>site</c> as a factor.
    /// </summary>
    /// <exception cref="ArgumentException">A factor's level is missing or not one of its levels.</exception>
    public string StratumKey(IReadOnlyDictionary<string, string> levels)
    {
        var key = $"{SiteFactor}={SiteNumber}";
        foreach (var factor in Strata)
        {
            if (!levels.TryGetValue(factor.Name, out var level) || !factor.Levels.Contains(level))
                throw new ArgumentException($"stratum '{factor.Name}' needs one of {string.Join(", ", factor.Levels)}", nameof(levels));
            key += $"|{factor.Name}={level}";
        }
        return key;
    }

    /// <summary>Every stratum's key: the combinations of levels, the first factor varying slowest.</summary>
    public IReadOnlyList<string> StratumKeys()
    {
        IEnumerable<string> keys = [$"{SiteFactor}={SiteNumber}"];
        foreach (var factor in Strata)
        {
            var f = factor;
            keys = keys.SelectMany(k => f.Levels.Select(l => $"{k}|{f.Name}={l}")).ToList();
        }
        return [.. keys];
    }
}

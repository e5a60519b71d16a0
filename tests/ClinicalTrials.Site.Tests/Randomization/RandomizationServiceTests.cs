using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Ledger;
using ClinicalTrials.Site.Randomization;
using ClinicalTrials.Site.Tests.Trials;
using ClinicalTrials.Site.Trials;

namespace ClinicalTrials.Site.Tests.Randomization;

public sealed class RandomizationServiceTests
{
    [Fact]
    public async Task Commit_generates_the_lists_once_and_anchors_their_commitment()
    {
        await using var kit = await SiteKit.CreateAsync("diabetes-cgm", "van-03");
        var commitment = await kit.Randomization.CommitAsync(kit.TrialId);

        Assert.True(commitment.IsConfirmed);
        Assert.Equal(3, commitment.SiteNumber);
        // Lists of at least the planned 240, ending on a whole block (4 or 6).
        Assert.Equal(["site=3|hba1c_group=ge_8_5", "site=3|hba1c_group=lt_8_5"], commitment.ListLengths.Keys);
        Assert.All(commitment.ListLengths.Values, n => Assert.InRange(n, 240, 245));

        var anchor = Assert.Single(await kit.Sponsor.ListAnchorsAsync(kit.TrialId));
        Assert.Equal((AnchorKind.RandomizationCommitment, kit.SiteAccount), (anchor.Kind, anchor.Anchorer));
        Assert.Equal(anchor.Receipt, commitment.Receipt);
        var logged = kit.Journal.Find(commitment.EventHash)!;
        Assert.Equal($$"""{"commitment":"{{commitment.Commitment}}","site":3,"trial":"T2D-CGM-003","type":"randomization_commitment"}""", logged.CanonicalJson);

        // Committing again changes nothing: the same lists, no second event.
        var again = await kit.Randomization.CommitAsync(kit.TrialId);
        Assert.Equal(commitment.Commitment, again.Commitment);
        Assert.Single(kit.Journal.Events(kit.TrialId));
        Assert.Equal(1, kit.Count("allocation_commitments"));
        Assert.Equal(commitment.ListLengths.Values.Sum(), kit.Count("allocation_list"));
        Assert.Equal(1, kit.Count("allocation_commitments", "anchored"));
    }

    [Fact]
    public async Task A_seeded_source_reproduces_the_commitment_and_another_seed_does_not()
    {
        async Task<string> CommitmentWith(long seed)
        {
            await using var kit = await SiteKit.CreateAsync("hypertension", "atl-03", seed: seed);
            return (await kit.Randomization.CommitAsync(kit.TrialId)).Commitment;
        }
        Assert.Equal(await CommitmentWith(3), await CommitmentWith(3));
        Assert.NotEqual(await CommitmentWith(3), await CommitmentWith(4));
    }

    [Fact]
    public async Task The_reveal_reproduces_the_anchored_commitment_and_is_recorded_once()
    {
        await using var kit = await SiteKit.CreateAsync("diabetes-cgm", "tor-01");
        var commitment = await kit.Randomization.CommitAsync(kit.TrialId);
        kit.Clock.Advance(TimeSpan.FromDays(200));

        var reveal = await kit.Randomization.RevealAsync(kit.TrialId);
        Assert.Equal(commitment.Commitment, reveal.Commitment);
        Assert.Equal(commitment.ListLengths, reveal.Lists.ToDictionary(l => l.Key, l => l.Value.Length));
        var verification = AllocationSequence.Verify(reveal, ContentHash.Parse(commitment.Commitment), kit.Joined.Protocol);
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));

        var revealEvent = Assert.Single(kit.Journal.Events(kit.TrialId), e => e.CanonicalJson.Contains("allocation_reveal", StringComparison.Ordinal));
        Assert.Equal(AnchorKind.EnrollmentBatch, revealEvent.Kind);
        Assert.Equal($$"""{"at":"2026-07-29T08:00:00.000000Z","commitment":"{{commitment.Commitment}}","site":1,"trial":"T2D-CGM-003","type":"allocation_reveal"}""", revealEvent.CanonicalJson);
        await kit.Log.ConfirmAsync(revealEvent.Ticket); // the site's account may anchor it

        kit.Clock.Advance(TimeSpan.FromDays(1));
        var second = await kit.Randomization.RevealAsync(kit.TrialId);
        Assert.Equal(reveal.RevealedAt, second.RevealedAt);
        Assert.Equal(2, kit.Journal.Events(kit.TrialId).Count);
    }

    [Fact]
    public async Task Nothing_committed_means_nothing_to_reveal()
    {
        await using var kit = await SiteKit.CreateAsync("hypertension", "bos-01");
        var e = await Assert.ThrowsAsync<RandomizationException>(() => kit.Randomization.RevealAsync(kit.TrialId));
        Assert.Equal("trial 'HTN-HOME-001' has no committed allocation at this site: nothing to reveal", e.Message);
        await Assert.ThrowsAsync<RandomizationException>(() => kit.Randomization.CommitAsync("NOPE"));
    }

    [Fact]
    public async Task Without_the_sites_key_on_the_ledger_the_commitment_stays_pending_until_it_is_registered()
    {
        await using var kit = await SiteKit.CreateAsync("hypertension", "bos-01", registerSiteKey: false);
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => kit.Randomization.CommitAsync(kit.TrialId, patience.Token));
        var pending = kit.Randomization.Find(kit.TrialId)!;
        Assert.False(pending.IsConfirmed);
        Assert.Equal(AnchorState.Pending, kit.Journal.StatusOf(pending.EventHash).State);
        Assert.Empty(await kit.Sponsor.ListAnchorsAsync(kit.TrialId));

        await kit.RegisterSiteKeyAsync();
        var confirmed = await kit.Randomization.CommitAsync(kit.TrialId);
        Assert.Equal(pending.Commitment, confirmed.Commitment);
        Assert.True(confirmed.IsConfirmed);
    }
}

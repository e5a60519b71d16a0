using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Contracts;
using ClinicalTrials.Core.Canonical;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Core.Signing;
using ClinicalTrials.Site.Policy;
using ClinicalTrials.Statistics;
using ClinicalTrials.Statistics.Engine;

namespace ClinicalTrials.Site.Answering;

/// <summary>
/// Answers analysis requests for one site: checks the request against what the site joined and
/// what the ledger registered, applies the site's disclosure policy (query log included), runs the
/// statistics site step on the derived dataset and signs the aggregate with the site's key. Every
/// request is logged and answered at most once: a duplicate gets the logged answer back.
/// </summary>
public sealed class SiteAnalyst(
    SiteIdentity identity,
    SitePolicy policy,
    IJoinedTrials trials,
    IRegistrationCheck registration,
    ISiteDatasets datasets,
    QueryLog log,
    TimeProvider time,
    FederatedMethods? methods = null)
{
    private readonly FederatedMethods _methods = methods ?? FederatedMethods.All;
    private readonly Lock _cacheLock = new();
    private (string Trial, string Run, DateTimeOffset? Cutoff, SiteDataset Data)? _cached;

    /// <summary>The site this analyst answers for.</summary>
    public string SiteId => identity.SiteId;

    /// <summary>The policy in force.</summary>
    public SitePolicy Policy => policy;

    /// <summary>Answers <paramref name="request"/> (or replays the answer already given to it).</summary>
    public async Task<SiteAnswer> AnswerAsync(AnalysisRequested request, CancellationToken cancellationToken = default)
    {
        if (log.Find(request.RequestId) is { } earlier) return Replay(earlier);
        var receivedAt = time.GetUtcNow();
        var (answer, subset) = await DecideAsync(request, cancellationToken).ConfigureAwait(false);
        var refused = answer.Refused;
        log.Record(
            new LoggedQuery(request.RequestId, request.RunId, request.TrialId, request.AnalysisId, request.Round, receivedAt,
                refused is null ? QueryLog.Answered : QueryLog.Refused, refused?.Rule, refused?.Reason, subset?.Count,
                JsonSerializer.Serialize(answer.Message, answer.Message.GetType())),
            request.SapHash, refused is null ? subset : null);
        return answer;
    }

    private async Task<(SiteAnswer Answer, IReadOnlyCollection<string>? Subset)> DecideAsync(AnalysisRequested request, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.SiteId, identity.SiteId, StringComparison.Ordinal))
            return (Refuse(request, RefusalRule.WrongSite, $"the request is addressed to site '{request.SiteId}', this is site '{identity.SiteId}'"), null);
        if (trials.Find(request.TrialId) is not { } trial)
            return (Refuse(request, RefusalRule.UnknownTrial, $"this site has not joined trial '{request.TrialId}'"), null);
        if (!string.Equals(request.SapHash, trial.SapHash, StringComparison.Ordinal))
            return (Refuse(request, RefusalRule.SapNotRegistered,
                $"the request's SAP {request.SapHash} is not the SAP this site joined ({trial.SapHash})"), null);

        RegisteredHashes? registered;
        try
        {
            registered = await registration.FindAsync(request.TrialId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (Refuse(request, RefusalRule.TrialNotRegistered, $"the ledger could not be read to check the registration ({e.Message})"), null);
        }
        if (registered is null)
            return (Refuse(request, RefusalRule.TrialNotRegistered, $"trial '{request.TrialId}' is not registered on the ledger"), null);
        if (!string.Equals(registered.SapHash, request.SapHash, StringComparison.Ordinal))
            return (Refuse(request, RefusalRule.SapNotRegistered,
                $"the request's SAP {request.SapHash} is not the registered one ({registered.SapHash}, {registered.Source})"), null);
        if (!string.Equals(registered.ProtocolHash, trial.ProtocolHash, StringComparison.Ordinal))
            return (Refuse(request, RefusalRule.SapNotRegistered,
                $"the protocol this site joined ({trial.ProtocolHash}) is not the registered one ({registered.ProtocolHash}, {registered.Source})"), null);

        RoundRequest? round;
        try
        {
            round = JsonSerializer.Deserialize<RoundRequest>(request.RoundRequest, StatsJson.Options);
        }
        catch (JsonException e)
        {
            return (Refuse(request, RefusalRule.MalformedRequest, $"the round request is not readable: {e.Message}"), null);
        }
        if (round is null)
            return (Refuse(request, RefusalRule.MalformedRequest, "the round request is empty"), null);
        if (round.Round != request.Round)
            return (Refuse(request, RefusalRule.MalformedRequest, $"the message says round {request.Round}, its round request says {round.Round}"), null);
        if (!round.Sites.Contains(trial.SiteNumber))
            return (Refuse(request, RefusalRule.WrongSite, $"round {round.Round} is for sites {string.Join(", ", round.Sites)}, not this site ({trial.SiteNumber})"), null);

        var registeredSpec = trial.Sap.Analyses.FirstOrDefault(a => a.Id == request.AnalysisId);
        if (registeredSpec is null || round.Spec.Id != request.AnalysisId)
            return (Refuse(request, RefusalRule.AnalysisNotInSap, $"analysis '{request.AnalysisId}' is not in the registered SAP {trial.SapHash}"), null);
        if (!SameSpec(registeredSpec, round.Spec))
            return (Refuse(request, RefusalRule.AnalysisNotInSap,
                $"analysis '{request.AnalysisId}' differs from the registered SAP's analysis of that id ({trial.SapHash})"), null);

        var data = Dataset(trial, request.RunId, request.DataCutoff);
        var rows = data.Table.CompleteCases(round.Spec.Variables());
        var subset = rows.Select(i => data.ParticipantIds[i]).ToHashSet(StringComparer.Ordinal);
        if (policy.RefuseDifferencing && log.CheckDifferencing(request.TrialId, request.RunId, subset, policy.DifferencingMinimum) is { } why)
            return (Refuse(request, RefusalRule.Differencing, $"analysis '{request.AnalysisId}' refused: {why}"), null);

        JsonElement aggregate;
        try
        {
            aggregate = _methods.For(round.Spec.Type).SiteStep(data.Table, round, policy.Disclosure);
        }
        catch (DisclosureRefusedException e)
        {
            return (Refuse(request, e.Rule, e.Reason), null);
        }
        catch (AnalysisException e)
        {
            return (Refuse(request, RefusalRule.AnalysisError, e.Message), null);
        }

        var statement = new AggregateStatement
        {
            TrialId = request.TrialId,
            SiteId = identity.SiteId,
            Site = trial.SiteNumber,
            SapHash = request.SapHash,
            RunId = request.RunId,
            RequestId = request.RequestId,
            AnalysisId = request.AnalysisId,
            Round = request.Round,
            RequestHash = ContentHash.OfJsonText(request.RoundRequest).ToString(),
            DataCutoff = request.DataCutoff,
            ComputedAt = time.GetUtcNow(),
            Aggregate = aggregate,
        };
        var envelope = EnvelopeSigner.Sign(JsonSerializer.SerializeToElement(statement), identity.Key);
        var ready = new SiteAggregateReady
        {
            RequestId = request.RequestId,
            RunId = request.RunId,
            TrialId = request.TrialId,
            SiteId = identity.SiteId,
            AnalysisId = request.AnalysisId,
            Round = request.Round,
            SignedStatement = envelope.ToJson(),
        };
        return (new SiteAnswer { Ready = ready }, subset);
    }

    private SiteDataset Dataset(JoinedTrial trial, string runId, DateTimeOffset? cutoff)
    {
        // Rounds of one run ask for the same data; derive once per run.
        lock (_cacheLock)
        {
            if (_cached is { } c && c.Trial == trial.TrialId && c.Run == runId && c.Cutoff == cutoff) return c.Data;
        }
        var data = datasets.Derive(trial, cutoff);
        lock (_cacheLock) _cached = (trial.TrialId, runId, cutoff, data);
        return data;
    }

    private static bool SameSpec(AnalysisSpec a, AnalysisSpec b) =>
        CanonicalJson.Canonicalize(JsonSerializer.SerializeToNode(a, StatsJson.Options))
            .AsSpan().SequenceEqual(CanonicalJson.Canonicalize(JsonSerializer.SerializeToNode(b, StatsJson.Options)));

    private SiteAnswer Refuse(AnalysisRequested request, string rule, string reason) =>
        new() { Refused = request.Refusal(identity.SiteId, rule, reason) };

    private static SiteAnswer Replay(LoggedQuery earlier) => earlier.Outcome == QueryLog.Answered
        ? new SiteAnswer { Ready = JsonSerializer.Deserialize<SiteAggregateReady>(earlier.Answer) }
        : new SiteAnswer { Refused = JsonSerializer.Deserialize<AnalysisRefused>(earlier.Answer) };
}

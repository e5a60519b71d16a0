namespace ClinicalTrials.Site.Answering;

/// <summary>The trials a site has joined.</summary>
public interface IJoinedTrials
{
    /// <summary>The joined trial <paramref name="trialId"/>, or null.</summary>
    JoinedTrial? Find(string trialId);
}

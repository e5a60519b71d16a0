using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Core.Protocol;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Site.Answering;

namespace ClinicalTrials.Site.Tests.Support;

/// <summary>The example trials copied beside the tests.</summary>
public static class ExampleTrials
{
    public static string Dir(string name) => Path.Combine(AppContext.BaseDirectory, "trials", name);

    public static JoinedTrial Join(string name, int siteNumber)
    {
        var protocolText = File.ReadAllText(Path.Combine(Dir(name), "protocol.json"));
        var sapText = File.ReadAllText(Path.Combine(Dir(name), "sap.json"));
        var protocol = ProtocolDocument.Parse(protocolText, "protocol.json").Document ?? throw new InvalidOperationException("protocol");
        var sap = SapDocument.Parse(sapText, "sap.json", protocol).Document ?? throw new InvalidOperationException("sap");
        return new JoinedTrial(protocol.TrialId, siteNumber, protocol, sap,
            ContentHash.OfJsonText(protocolText).ToString(), ContentHash.OfJsonText(sapText).ToString());
    }
}

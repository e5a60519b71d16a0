using System.Collections.Frozen;

namespace ClinicalTrials.Statistics.Engine;

/// <summary>The registry of federated methods by spec type.</summary>
public sealed class FederatedMethods
{
    private readonly FrozenDictionary<string, IFederatedMethod> _methods;

    /// <summary>A registry of the given methods.</summary>
    public FederatedMethods(IEnumerable<IFederatedMethod> methods) =>
        _methods = methods.ToFrozenDictionary(m => m.Type, StringComparer.Ordinal);

    /// <summary>Every analysis type of the SAP format.</summary>
    public static FederatedMethods All { get; } = new(
    [
        // Each method registers here (one line per method).
        new Methods.Describe.DescribeMethod(),
        new Methods.TTest.TTestMethod(),
        new Methods.Chisq.ChisqMethod(),
        new Methods.Cmh.CmhMethod(),
        new Methods.Lm.LmMethod(),
        new Methods.Logistic.LogisticMethod(),
        new Methods.Cox.CoxMethod(),
        new Methods.Logrank.LogrankMethod(),
        new Methods.Km.KmMethod(),
        new Methods.Meta.MetaMethod(),
    ]);

    /// <summary>The method for a spec type; unknown types are an <see cref="AnalysisException"/>.</summary>
    public IFederatedMethod For(string type) => _methods.TryGetValue(type, out var m)
        ? m
        : throw new AnalysisException($"no federated method for analysis type '{type}' (known: {string.Join(", ", _methods.Keys.Order())})");

    /// <summary>The registered types.</summary>
    public IEnumerable<string> Types => _methods.Keys.Order();
}

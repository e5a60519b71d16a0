using System.Collections.Frozen;
using System.Collections.Immutable;

namespace ClinicalTrials.Core.Protocol;

/// <summary>
/// The columns a site derives from a protocol, one row per randomized participant: <c>arm</c>,
/// <c>site</c>, each randomization stratum other than site, each endpoint (a time-to-event endpoint
/// <c>x</c> gives <c>x_time</c> and <c>x_event</c>) and each baseline covariate. A SAP may use only these.
/// </summary>
public sealed class DerivedDataset
{
    private readonly FrozenDictionary<string, DerivedVariable> _byName;

    /// <summary>Creates a dataset description; the first definition of a repeated name wins.</summary>
    public DerivedDataset(IEnumerable<DerivedVariable> variables)
    {
        var list = new List<DerivedVariable>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in variables)
            if (seen.Add(v.Name)) list.Add(v);
        Variables = [.. list];
        _byName = list.ToFrozenDictionary(v => v.Name, StringComparer.Ordinal);
    }

    /// <summary>The columns, in definition order.</summary>
    public ImmutableArray<DerivedVariable> Variables { get; }

    /// <summary>The column named <paramref name="name"/>, or null.</summary>
    public DerivedVariable? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The column names, in definition order.</summary>
    public IEnumerable<string> Names => Variables.Select(v => v.Name);
}

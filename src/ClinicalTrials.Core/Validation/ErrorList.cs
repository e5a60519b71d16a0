using System.Collections.Immutable;

namespace ClinicalTrials.Core.Validation;

/// <summary>Collects the errors of one document so that every check runs and all are reported together.</summary>
internal sealed class ErrorList(string source)
{
    private readonly List<DocumentError> _errors = [];

    public string Source { get; } = source;

    public int Count => _errors.Count;

    public void Add(string path, string message) => _errors.Add(new DocumentError(Source, path, message));

    public void AddRange(IEnumerable<DocumentError> errors) => _errors.AddRange(errors);

    public ImmutableArray<DocumentError> ToImmutable() =>
        // Two checks can reach the same conclusion about the same value; say it once.
        _errors.Distinct().ToImmutableArray();
}

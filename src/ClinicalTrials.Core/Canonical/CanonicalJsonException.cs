namespace ClinicalTrials.Core.Canonical;

/// <summary>
/// A JSON value that has no RFC 8785 canonical form: invalid JSON, a duplicate member name,
/// a number outside the IEEE-754 double range (NaN, Infinity), a lone surrogate, or nesting too deep.
/// </summary>
public sealed class CanonicalJsonException : Exception
{
    /// <summary>Creates the error for the value at <paramref name="path"/>.</summary>
    /// <param name="message">What is wrong with the value.</param>
    /// <param name="path">JSON path of the offending value, e.g. <c>$.events[3].dose</c>.</param>
    /// <param name="inner">The parser error, when there is one.</param>
    public CanonicalJsonException(string message, string path, Exception? inner = null)
        : base($"{path}: {message}", inner) => Path = path;

    /// <summary>JSON path of the offending value, e.g. <c>$.events[3].dose</c>.</summary>
    public string Path { get; }
}

using System.Collections.Immutable;

namespace ClinicalTrials.Core.Validation;

/// <summary>A document that a caller required to be valid was not; carries every error found.</summary>
public sealed class DocumentValidationException : Exception
{
    /// <summary>Creates the exception for <paramref name="source"/> with its <paramref name="errors"/>.</summary>
    public DocumentValidationException(string source, ImmutableArray<DocumentError> errors)
        : base($"{source} is not valid ({errors.Length} error{(errors.Length == 1 ? "" : "s")}):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}")
    {
        Source = source;
        Errors = errors;
    }

    /// <summary>The file path or source name of the document.</summary>
    public new string Source { get; }

    /// <summary>Every error found.</summary>
    public ImmutableArray<DocumentError> Errors { get; }
}

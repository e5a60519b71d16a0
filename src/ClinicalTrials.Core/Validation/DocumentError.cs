namespace ClinicalTrials.Core.Validation;

/// <summary>
/// One thing wrong with a document: where (the file or source name and a JSON path such as
/// <c>$.endpoints[1].loinc</c>) and what, in words a trial designer can act on.
/// </summary>
/// <param name="Source">The file path or source name the document was read from.</param>
/// <param name="Path">JSON path of the offending value (<c>$</c> for the whole document).</param>
/// <param name="Message">What is wrong.</param>
public sealed record DocumentError(string Source, string Path, string Message)
{
    /// <summary>The error as <c>source: $.path: message</c>, the form the CLI prints.</summary>
    public override string ToString() => $"{Source}: {Path}: {Message}";
}

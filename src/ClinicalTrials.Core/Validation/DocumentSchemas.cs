using System.Collections.Immutable;
using Json.Schema;

namespace ClinicalTrials.Core.Validation;

/// <summary>
/// The versioned JSON Schemas (draft 2020-12) of the trial documents, shipped as embedded resources
/// <c>ClinicalTrials.Core.Schemas.&lt;file&gt;</c>. A new schema version is a new file, never an edit.
/// </summary>
public static class DocumentSchemas
{
    /// <summary>File name of the protocol schema, version 1.</summary>
    public const string ProtocolV1 = "protocol.v1.schema.json";

    /// <summary>File name of the statistical analysis plan schema, version 1.</summary>
    public const string SapV1 = "sap.v1.schema.json";

    /// <summary>File name of the synthetic-data settings schema, version 1.</summary>
    public const string SyntheticV1 = "synthetic.v1.schema.json";

    /// <summary><c>$id</c> of the protocol schema, version 1.</summary>
    public const string ProtocolV1Id = "https://schemas.clinicaltrials.dev/protocol/v1";

    /// <summary><c>$id</c> of the SAP schema, version 1.</summary>
    public const string SapV1Id = "https://schemas.clinicaltrials.dev/sap/v1";

    /// <summary><c>$id</c> of the synthetic-data settings schema, version 1.</summary>
    public const string SyntheticV1Id = "https://schemas.clinicaltrials.dev/synthetic/v1";

    private const string ResourcePrefix = "ClinicalTrials.Core.Schemas.";

    /// <summary>Every schema file shipped.</summary>
    public static ImmutableArray<string> FileNames { get; } = [ProtocolV1, SapV1, SyntheticV1];

    /// <summary>The text of the schema file <paramref name="fileName"/> (e.g. <see cref="ProtocolV1"/>).</summary>
    /// <exception cref="ArgumentException">No such schema is embedded.</exception>
    public static string ReadText(string fileName)
    {
        using var stream = typeof(DocumentSchemas).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new ArgumentException($"no embedded schema '{fileName}' (have: {string.Join(", ", FileNames)})", nameof(fileName));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The parsed schema <paramref name="fileName"/>, for callers that evaluate documents themselves.</summary>
    public static JsonSchema Get(string fileName) => JsonSchema.FromText(ReadText(fileName));
}

using System.Text.Json;
using ClinicalTrials.Core.Sap;

namespace ClinicalTrials.Core.Validation;

/// <summary>
/// Serializer options for protocol, SAP and synthetic-settings documents: the SAP's snake_case
/// options, plus rejecting null where the model does not allow it, so that a document the schema
/// let through never yields a record with a null in a non-nullable member.
/// </summary>
public static class DocumentJson
{
    /// <summary>The options; read-only.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(SapJson.Options) { RespectNullableAnnotations = true };
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }
}

using System.Globalization;
using System.Text.Json;

namespace ClinicalTrials.Site.Ingestion;

/// <summary>
/// The common shape of a device Observation in a bulk export — <c>resourceType</c>, <c>id</c>,
/// <c>status</c>, <c>code.coding[]</c>, <c>subject.reference</c>, <c>effectiveDateTime</c>,
/// <c>device</c>, <c>valueQuantity</c> and nothing else — read straight from the UTF-8 bytes. The FHIR
/// SDK's object model costs about four times as much per resource, which at CGM volumes (288
/// readings a day per participant) is the difference between meeting and missing the ingestion
/// rate. Anything else — another property, a component, an unexpected type or a repeated key —
/// returns false and the resource goes through the SDK, so the SDK stays the judge of every
/// resource this reader does not fully understand; a test holds the two to the same result.
/// </summary>
internal static class FastObservation
{
    private static readonly HashSet<string> Statuses =
        ["registered", "preliminary", "final", "amended", "corrected", "cancelled", "entered-in-error", "unknown"];

    /// <summary>The reading of a plain Observation, or false to let the SDK decide.</summary>
    public static bool TryRead(byte[] json, out string? participant, out string? loinc, out string? value, out string? unit, out string? time, out string? device)
    {
        participant = loinc = value = unit = time = device = null;
        try
        {
            var r = new Utf8JsonReader(json);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return false;
            var seen = 0;
            string? status = null;
            var type = false;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var bit = Bit(ref r);
                if (bit == 0 || (seen & bit) != 0) return false;
                seen |= bit;
                r.Read();
                switch (bit)
                {
                    case 1: type = r.TokenType == JsonTokenType.String && r.ValueTextEquals("Observation"u8); if (!type) return false; break;
                    case 2: if (r.TokenType != JsonTokenType.String) return false; break;
                    case 4: if (r.TokenType != JsonTokenType.String) return false; status = r.GetString(); break;
                    case 8: if (!ReadCode(ref r, out loinc)) return false; break;
                    case 16: if (!ReadReference(ref r, out var reference, out _)) return false; participant = Patient(reference); break;
                    case 32: if (r.TokenType != JsonTokenType.String) return false; time = r.GetString(); break;
                    case 64: if (!ReadReference(ref r, out var devRef, out var devDisplay)) return false; device = devRef ?? devDisplay; break;
                    case 128: if (!ReadQuantity(ref r, out value, out unit)) return false; break;
                }
            }
            if (r.TokenType != JsonTokenType.EndObject || r.Read()) return false;
            // Required by FHIR (status, code) and present in every resource this path takes.
            return type && status is not null && Statuses.Contains(status) && status is not ("entered-in-error" or "cancelled") && (seen & 8) != 0;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static int Bit(ref Utf8JsonReader r) =>
        r.ValueTextEquals("resourceType"u8) ? 1 : r.ValueTextEquals("id"u8) ? 2 : r.ValueTextEquals("status"u8) ? 4
        : r.ValueTextEquals("code"u8) ? 8 : r.ValueTextEquals("subject"u8) ? 16 : r.ValueTextEquals("effectiveDateTime"u8) ? 32
        : r.ValueTextEquals("device"u8) ? 64 : r.ValueTextEquals("valueQuantity"u8) ? 128 : 0;

    // code: {"coding": [{"system": "...", "code": "...", "display": "..."}, ...]}; the first LOINC coding counts.
    private static bool ReadCode(ref Utf8JsonReader r, out string? loinc)
    {
        loinc = null;
        if (r.TokenType != JsonTokenType.StartObject || !r.Read() || r.TokenType != JsonTokenType.PropertyName || !r.ValueTextEquals("coding"u8)) return false;
        if (!r.Read() || r.TokenType != JsonTokenType.StartArray) return false;
        while (r.Read() && r.TokenType == JsonTokenType.StartObject)
        {
            string? system = null, code = null;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var isSystem = r.ValueTextEquals("system"u8);
                var isCode = r.ValueTextEquals("code"u8);
                if (!isSystem && !isCode && !r.ValueTextEquals("display"u8)) return false;
                if (!r.Read() || r.TokenType != JsonTokenType.String) return false;
                if (isSystem) system = r.GetString();
                else if (isCode) code = r.GetString();
            }
            if (r.TokenType != JsonTokenType.EndObject) return false;
            if (loinc is null && system == "http://loinc.org") loinc = code;
        }
        return r.TokenType == JsonTokenType.EndArray && r.Read() && r.TokenType == JsonTokenType.EndObject;
    }

    // {"reference": "...", "display": "..."}
    private static bool ReadReference(ref Utf8JsonReader r, out string? reference, out string? display)
    {
        reference = display = null;
        if (r.TokenType != JsonTokenType.StartObject) return false;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var isReference = r.ValueTextEquals("reference"u8);
            if (!isReference && !r.ValueTextEquals("display"u8)) return false;
            if (!r.Read() || r.TokenType != JsonTokenType.String) return false;
            if (isReference) reference = r.GetString();
            else display = r.GetString();
        }
        return r.TokenType == JsonTokenType.EndObject;
    }

    // {"value": 80, "unit": "mg/dL", "system": "http://unitsofmeasure.org", "code": "mg/dL"}
    private static bool ReadQuantity(ref Utf8JsonReader r, out string? value, out string? unit)
    {
        value = unit = null;
        string? system = null, code = null, text = null;
        if (r.TokenType != JsonTokenType.StartObject) return false;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("value"u8))
            {
                if (!r.Read() || r.TokenType != JsonTokenType.Number || !r.TryGetDecimal(out var d)) return false;
                value = d.ToString(CultureInfo.InvariantCulture);
                continue;
            }
            var which = r.ValueTextEquals("unit"u8) ? 1 : r.ValueTextEquals("system"u8) ? 2 : r.ValueTextEquals("code"u8) ? 3 : 0;
            if (which == 0 || !r.Read() || r.TokenType != JsonTokenType.String) return false;
            var s = r.GetString();
            if (which == 1) text = s;
            else if (which == 2) system = s;
            else code = s;
        }
        if (r.TokenType != JsonTokenType.EndObject) return false;
        // As the SDK path: the UCUM code when the quantity says it is UCUM, else the code or the unit text.
        unit = system == "http://unitsofmeasure.org" && code is not null ? code : code ?? text;
        return true;
    }

    private static string? Patient(string? reference) =>
        reference is not null && reference.StartsWith("Patient/", StringComparison.Ordinal) && reference.Length > 8 ? reference[8..] : null;
}

using System.Text.Json;

namespace ClinicalTrials.Benchmarks.Verbs;

/// <summary>Writes a verb's single result line: one compact JSON object on stdout.</summary>
internal static class JsonLine
{
    public static void Write(Action<Utf8JsonWriter> body)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        stdout.Write("\n"u8);
    }
}

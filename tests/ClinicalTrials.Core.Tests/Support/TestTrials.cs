using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalTrials.Core.Protocol;
using ClinicalTrials.Core.Validation;

namespace ClinicalTrials.Core.Tests.Support;

/// <summary>The example trials (copied from the repository's trials/ folder) and ways to break them.</summary>
public static class TestTrials
{
    public static readonly string[] Names = ["hypertension", "heart-failure", "diabetes-cgm"];

    public static string Root => Path.Combine(AppContext.BaseDirectory, "trials");

    public static string PathOf(string trial, string file) => Path.Combine(Root, trial, file);

    public static string Text(string trial, string file) => File.ReadAllText(PathOf(trial, file));

    public static ProtocolDocument Protocol(string trial) => ProtocolDocument.Load(PathOf(trial, "protocol.json")).GetDocumentOrThrow();

    /// <summary>The document with <paramref name="edit"/> applied, as text.</summary>
    public static string Mutate(string trial, string file, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(Text(trial, file))!.AsObject();
        edit(node);
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public static void HasError<T>(DocumentLoadResult<T> result, string path, string messagePart) where T : class
    {
        Assert.False(result.IsValid);
        Assert.True(
            result.Errors.Any(e => e.Path == path && e.Message.Contains(messagePart, StringComparison.Ordinal)),
            $"expected an error at {path} containing \"{messagePart}\"; got:\n{string.Join("\n", result.Errors)}");
    }
}

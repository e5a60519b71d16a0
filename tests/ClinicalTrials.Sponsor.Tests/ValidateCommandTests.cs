using System.CommandLine;
using System.Text.Json.Nodes;
using ClinicalTrials.Sponsor.Commands;

namespace ClinicalTrials.Sponsor.Tests;

/// <summary>The validate command, invoked in process as the host's root command would.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("validate-tests-").FullName;

    private static string Trials => Path.Combine(AppContext.BaseDirectory, "trials");

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static (int Exit, string[] Out, string Err) Invoke(params string[] args)
    {
        var root = new RootCommand("test") { ValidateCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = root.Parse(["validate", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (exit, lines, error.ToString());
    }

    /// <summary>A copy of an example trial in the scratch folder, optionally with one document edited.</summary>
    private string CopyTrial(string trial, string? file = null, Action<JsonObject>? edit = null)
    {
        var target = Path.Combine(_scratch, trial);
        Directory.CreateDirectory(target);
        foreach (var f in Directory.GetFiles(Path.Combine(Trials, trial)))
            File.Copy(f, Path.Combine(target, Path.GetFileName(f)));
        if (file is not null && edit is not null)
        {
            var path = Path.Combine(target, file);
            var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            edit(node);
            File.WriteAllText(path, node.ToJsonString());
        }
        return target;
    }

    [Fact]
    public void All_example_trials_are_valid()
    {
        var (exit, lines, err) = Invoke(Trials);
        Assert.Equal(ValidateCommand.Valid, exit);
        Assert.Equal("", err);
        Assert.Equal(9, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("ok ", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"ok {Path.Join(Trials, "hypertension", "protocol.json")} sha256:", StringComparison.Ordinal));
    }

    [Fact]
    public void One_trial_folder_and_explicit_files()
    {
        Assert.Equal(3, Invoke(Path.Combine(Trials, "heart-failure")).Out.Length);
        var (exit, lines, _) = Invoke(Path.Combine(Trials, "diabetes-cgm", "sap.json"), Path.Combine(Trials, "hypertension", "protocol.json"));
        Assert.Equal(ValidateCommand.Valid, exit);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public void Invalid_protocol_prints_every_error_with_its_path_and_exits_1()
    {
        var folder = CopyTrial("hypertension", "protocol.json", p =>
        {
            p["endpoints"]![1]!["loinc"] = "8480";
            p["arms"]![1]!["allocation_ratio"] = 0;
        });
        var protocol = Path.Join(folder, "protocol.json");
        var (exit, lines, err) = Invoke(folder);
        Assert.Equal(ValidateCommand.Invalid, exit);
        Assert.Equal("", err);
        Assert.Contains($"{protocol}: $.arms[1].allocation_ratio: must be greater than 0, found 0", lines);
        Assert.Contains($"{protocol}: $.endpoints[1].loinc: '8480' is not a LOINC code (expected digits, a hyphen and a check digit, e.g. 8480-6)", lines);
        // The SAP and settings are still checked, on their own.
        Assert.Contains(lines, l => l.StartsWith($"ok {Path.Join(folder, "sap.json")} sha256:", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public void Sap_file_is_checked_against_the_protocol_beside_it()
    {
        var folder = CopyTrial("heart-failure", "sap.json", s => s["analyses"]![0]!["time"] = "days");
        var sap = Path.Join(folder, "sap.json");
        var (exit, lines, _) = Invoke(sap);
        Assert.Equal(ValidateCommand.Invalid, exit);
        Assert.Equal([$"{sap}: $.analyses[0].time: 'days' is not a variable of the protocol's derived dataset (variables: arm, site, hf_hosp_or_death_time, hf_hosp_or_death_event, death_time, death_event, steps_change, weight_change, hr_day90, age, sex, weight_baseline, hr_baseline, steps_baseline)"], lines);
    }

    [Fact]
    public void Broken_json_reports_line_and_column()
    {
        var folder = CopyTrial("diabetes-cgm");
        var synthetic = Path.Join(folder, "synthetic.json");
        File.WriteAllText(synthetic, "{\n  \"seed\": 1,\n  \"sites\": [\n}\n");
        var (exit, lines, _) = Invoke(synthetic);
        Assert.Equal(ValidateCommand.Invalid, exit);
        var line = Assert.Single(lines);
        Assert.StartsWith($"{synthetic}: $: not valid JSON at line 4, column 1:", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_document_in_a_trial_folder_is_invalid()
    {
        var folder = CopyTrial("hypertension");
        File.Delete(Path.Join(folder, "synthetic.json"));
        var (exit, lines, _) = Invoke(folder);
        Assert.Equal(ValidateCommand.Invalid, exit);
        Assert.Contains(lines, l => l.StartsWith($"{Path.Join(folder, "synthetic.json")}: $: cannot read the file:", StringComparison.Ordinal));
    }

    [Fact]
    public void No_path_is_a_usage_error()
    {
        var (exit, lines, err) = Invoke();
        Assert.Equal(ValidateCommand.UsageError, exit);
        Assert.Empty(lines);
        Assert.Contains("name at least one trial folder or document", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_path_is_a_usage_error()
    {
        var missing = Path.Join(_scratch, "nope");
        var (exit, _, err) = Invoke(Path.Combine(Trials, "hypertension"), missing);
        Assert.Equal(ValidateCommand.UsageError, exit);
        Assert.Contains($"no such file or folder: '{missing}'", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_without_trials_and_unknown_files_are_usage_errors()
    {
        var other = Path.Join(_scratch, "notes.json");
        File.WriteAllText(other, "{}");
        Directory.CreateDirectory(Path.Join(_scratch, "empty"));
        var (exit, _, err) = Invoke(Path.Join(_scratch, "empty"), other);
        Assert.Equal(ValidateCommand.UsageError, exit);
        Assert.Contains("no trial folder", err, StringComparison.Ordinal);
        Assert.Contains("cannot tell what", err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_printed_hash_does_not_change_with_key_order_or_whitespace()
    {
        var original = Path.Join(Trials, "hypertension", "protocol.json");
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(original))!.AsObject();
        var reordered = new System.Text.Json.Nodes.JsonObject(node.Reverse().Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone())));
        var copy = Path.Join(Directory.CreateDirectory(Path.Join(_scratch, "reordered")).FullName, "protocol.json");
        File.WriteAllText(copy, reordered.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = false }));
        static string HashOf(string[] lines) => lines.Single(l => l.StartsWith("ok ", StringComparison.Ordinal)).Split(' ')[2];
        var a = HashOf(Invoke(original).Out);
        var b = HashOf(Invoke(copy).Out);
        Assert.StartsWith("sha256:", a, StringComparison.Ordinal);
        Assert.Equal(a, b);
    }
}

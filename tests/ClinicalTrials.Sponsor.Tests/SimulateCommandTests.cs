using System.Diagnostics;
using System.Text.Json.Nodes;
using ClinicalTrials.Sponsor.Commands;
using ClinicalTrials.Statistics.Tests.Support;

namespace ClinicalTrials.Sponsor.Tests;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ct-simulate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Case(string name) => Path.Combine(AppContext.BaseDirectory, "Reference", name);

    private (int Code, string Out, string Err) Simulate(params string?[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = SimulateCommand.Run(args[0]!, args[1]!, args[2]!, args.Length > 3 ? args[3] : null, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("colon")]
    [InlineData("veteran")]
    [InlineData("cgd")]
    public void Simulate_reproduces_R_on_every_public_case(string name)
    {
        var output = Path.Combine(_dir, name + ".json");
        var (code, stdout, stderr) = Simulate(Case(name), Path.Combine(Case(name), "analyses.json"), output);
        Assert.True(code == 0, stdout + stderr);
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Case(name), "expected.json")));
        var actual = JsonNode.Parse(File.ReadAllText(output));
        var bad = ReferenceComparer.Compare(expected, actual, name);
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }

    [Fact]
    public void The_kits_own_check_py_accepts_the_output()
    {
        var python = new[] { "/usr/bin/python3", "/usr/local/bin/python3" }.FirstOrDefault(File.Exists)
            ?? Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(p => Path.Combine(p, "python3")).FirstOrDefault(File.Exists);
        if (python is null)
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "python3 is needed to run the kit's check.py under CI");
            return;
        }
        var output = Path.Combine(_dir, "colon.json");
        Assert.Equal(0, Simulate(Case("colon"), Path.Combine(Case("colon"), "analyses.json"), output).Code);
        var psi = new ProcessStartInfo(python, [Path.Combine(Case(""), "check.py"), Path.Combine(Case("colon"), "expected.json"), output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        var text = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, text);
        Assert.Contains("matched", text);
    }

    [Fact]
    public void Missing_sites_folder_is_a_usage_error_naming_it()
    {
        var (code, _, err) = Simulate(Path.Combine(_dir, "nope"), Path.Combine(Case("colon"), "analyses.json"), Path.Combine(_dir, "o.json"));
        Assert.Equal(2, code);
        Assert.Contains("nope: no such directory", err);
    }

    [Fact]
    public void Broken_analyses_file_names_file_and_line()
    {
        var bad = Path.Combine(_dir, "analyses.json");
        File.WriteAllText(bad, "[\n  {\"id\": \"x\", \"type\": \"describe\",\n   \"variable\": }\n]");
        var (code, _, err) = Simulate(Case("colon"), bad, Path.Combine(_dir, "o.json"));
        Assert.Equal(2, code);
        Assert.Contains("analyses.json: line 3", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void A_bad_record_is_quarantined_and_the_rest_kept()
    {
        var sites = Directory.CreateDirectory(Path.Combine(_dir, "sites")).FullName;
        File.WriteAllText(Path.Combine(sites, "site1.csv"), "\"x\",\"g\"\n1,\"a\"\n2,\"a\"\n3\n4,\"b\"\n5,\"b\"\n");
        File.WriteAllText(Path.Combine(sites, "site2.csv"), "\"x\",\"g\"\n6,\"a\"\n7,\"b\"\n");
        var analyses = Path.Combine(_dir, "a.json");
        File.WriteAllText(analyses, """[{"id": "d", "type": "describe", "variable": "x", "by": "g"}]""");
        var output = Path.Combine(_dir, "o.json");
        var (code, stdout, err) = Simulate(sites, analyses, output);
        Assert.True(code == 0, stdout + err);
        Assert.Contains("site1.csv: line 4: g: 1 fields, the header has 2", err);
        var result = JsonNode.Parse(File.ReadAllText(output))!;
        Assert.Equal(6, (int)result["d"]!["overall"]!["n"]!);
        Assert.Equal(1, (int)result["_meta"]!["rejected_rows"]!);
        Assert.Single(File.ReadAllLines(output + ".quarantine.jsonl"));
    }

    [Fact]
    public void A_policy_refusal_is_reported_with_its_reason_and_other_results_are_written()
    {
        var policy = Path.Combine(_dir, "policy.json");
        File.WriteAllText(policy, """{"min_cell_count": 1000, "min_subset_size": 3, "max_parameter_ratio": 1, "event_times": "exact"}""");
        var output = Path.Combine(_dir, "o.json");
        var (code, stdout, _) = Simulate(Case("cgd"), Path.Combine(Case("cgd"), "analyses.json"), output, policy);
        Assert.Equal(1, code);
        Assert.Contains("treat_by_status", stdout);
        var result = JsonNode.Parse(File.ReadAllText(output))!;
        Assert.Contains("min_cell_count", (string)result["treat_by_status"]!["_error"]!);
        Assert.NotNull(result["cox"]!["coefficients"]);
    }

    [Fact]
    public void Unknown_policy_field_is_rejected_by_name()
    {
        var policy = Path.Combine(_dir, "policy.json");
        File.WriteAllText(policy, """{"min_cel_count": 5}""");
        var (code, _, err) = Simulate(Case("cgd"), Path.Combine(Case("cgd"), "analyses.json"), Path.Combine(_dir, "o.json"), policy);
        Assert.Equal(2, code);
        Assert.Contains("min_cel_count", err);
    }

    [Fact]
    public void Unknown_types_and_missing_fields_are_named_without_serializer_internals()
    {
        var bad = Path.Combine(_dir, "analyses.json");
        File.WriteAllText(bad, """[{"id": "x", "type": "anova", "variable": "age"}, {"id": "y", "variable": "age"}]""");
        var (code, _, err) = Simulate(Case("colon"), bad, Path.Combine(_dir, "o.json"));
        Assert.Equal(2, code);
        Assert.Contains("$[0].type: unknown analysis type 'anova' (known: chisq, cmh, cox", err);
        Assert.Contains("$[1].type: missing", err);

        File.WriteAllText(bad, """[{"id": "t", "type": "ttest", "variable": "age", "group": "rx"}]""");
        (code, _, err) = Simulate(Case("colon"), bad, Path.Combine(_dir, "o.json"));
        Assert.Equal(2, code);
        Assert.Contains("ttest analysis: missing required field(s) 'levels'", err);
        Assert.DoesNotContain("ClinicalTrials.Core", err);
    }
}

using System.CommandLine;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Core.Protocol;
using ClinicalTrials.Core.Sap;
using ClinicalTrials.Core.Synthetic;
using ClinicalTrials.Core.Validation;

namespace ClinicalTrials.Sponsor.Commands;

/// <summary>
/// <c>validate</c>: checks trial folders (protocol.json, sap.json, synthetic.json, the latter two against
/// the protocol) or single documents. Prints <c>ok &lt;file&gt;</c> or every error as
/// <c>file: $.path: message</c>. Exit codes: 0 all valid, 1 some document invalid, 2 usage error.
/// </summary>
public static class ValidateCommand
{
    /// <summary>All documents are valid.</summary>
    public const int Valid = 0;

    /// <summary>At least one document is invalid.</summary>
    public const int Invalid = 1;

    /// <summary>The command line named nothing validatable.</summary>
    public const int UsageError = 2;

    private const string Protocol = "protocol.json";
    private const string Sap = "sap.json";
    private const string Synthetic = "synthetic.json";

    private enum Kind { Protocol, Sap, Synthetic }

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Trial folders (every trial folder below a folder is validated) or protocol/sap/synthetic JSON files",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("validate", "Validate trial protocols, SAPs and synthetic-data settings against their schemas and each other")
        {
            paths,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(paths) ?? [],
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Validates <paramref name="paths"/>, writing results to <paramref name="output"/> and usage problems to <paramref name="error"/>.</summary>
    internal static int Run(IReadOnlyList<string> paths, TextWriter output, TextWriter error)
    {
        try
        {
            if (paths.Count == 0)
            {
                error.WriteLine("validate: name at least one trial folder or document, e.g. 'validate trials' or 'validate trials/hypertension/protocol.json'");
                return UsageError;
            }
            var targets = new List<Target>();
            var usage = new List<string>();
            foreach (var path in paths)
                Resolve(path, targets, usage);
            if (usage.Count > 0)
            {
                foreach (var u in usage) error.WriteLine($"validate: {u}");
                return UsageError;
            }
            var allValid = true;
            foreach (var target in targets)
                allValid &= target switch
                {
                    FolderTarget f => ValidateFolder(f.Folder, output),
                    FileTarget f => ValidateFile(f.File, f.Kind, output),
                    _ => true,
                };
            return allValid ? Valid : Invalid;
        }
        catch (Exception e)
        {
            // A command-line tool reports, it does not crash with a stack trace.
            error.WriteLine($"validate: {e.GetType().Name}: {e.Message}");
            return Invalid;
        }
    }

    private abstract record Target;

    private sealed record FolderTarget(string Folder) : Target;

    private sealed record FileTarget(string File, Kind Kind) : Target;

    private static void Resolve(string path, List<Target> targets, List<string> usage)
    {
        if (File.Exists(path))
        {
            if (KindOf(path) is { } kind) targets.Add(new FileTarget(path, kind));
            else usage.Add($"cannot tell what '{path}' is: name it protocol*.json, sap*.json or synthetic*.json");
            return;
        }
        if (!Directory.Exists(path))
        {
            usage.Add($"no such file or folder: '{path}'");
            return;
        }
        var folders = TrialFolders(path).ToList();
        if (folders.Count == 0) usage.Add($"no trial folder (one holding {Protocol}, {Sap} or {Synthetic}) in '{path}'");
        targets.AddRange(folders.Select(f => new FolderTarget(f)));
    }

    private static IEnumerable<string> TrialFolders(string folder)
    {
        if (IsTrialFolder(folder))
        {
            yield return folder;
            yield break;
        }
        foreach (var sub in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
            foreach (var f in TrialFolders(sub))
                yield return f;
    }

    private static bool IsTrialFolder(string folder) =>
        new[] { Protocol, Sap, Synthetic }.Any(n => File.Exists(Path.Join(folder, n)));

    private static Kind? KindOf(string file)
    {
        var name = Path.GetFileName(file).ToLowerInvariant();
        if (!name.EndsWith(".json", StringComparison.Ordinal)) return null;
        if (name.StartsWith("protocol", StringComparison.Ordinal)) return Kind.Protocol;
        if (name.StartsWith("sap", StringComparison.Ordinal)) return Kind.Sap;
        if (name.StartsWith("synthetic", StringComparison.Ordinal)) return Kind.Synthetic;
        return null;
    }

    private static bool ValidateFolder(string folder, TextWriter output)
    {
        var protocolPath = Path.Join(folder, Protocol);
        var protocol = ProtocolDocument.Load(protocolPath);
        var valid = Report(protocol, output, null);
        var note = protocol.IsValid ? null : $"not checked against {protocolPath}, which is invalid";
        foreach (var (name, load) in new (string, Func<string, ProtocolDocument?, bool>)[]
                 {
                     (Sap, (p, doc) => Report(SapDocument.Load(p, doc), output, note)),
                     (Synthetic, (p, doc) => Report(SyntheticSettings.Load(p, doc), output, note)),
                 })
        {
            var path = Path.Join(folder, name);
            valid &= load(path, protocol.Document);
        }
        return valid;
    }

    private static bool ValidateFile(string file, Kind kind, TextWriter output)
    {
        if (kind == Kind.Protocol) return Report(ProtocolDocument.Load(file), output, null);

        // A SAP or settings file is checked against the protocol beside it, when there is a valid one.
        var besidePath = Path.Join(Path.GetDirectoryName(file), Protocol);
        var beside = File.Exists(besidePath) ? ProtocolDocument.Load(besidePath) : null;
        var note = beside switch
        {
            null => $"not checked against a protocol: no {Protocol} beside it",
            { IsValid: false } => $"not checked against {besidePath}, which is invalid",
            _ => null,
        };
        return kind == Kind.Sap
            ? Report(SapDocument.Load(file, beside?.Document), output, note)
            : Report(SyntheticSettings.Load(file, beside?.Document), output, note);
    }

    private static bool Report<T>(DocumentLoadResult<T> result, TextWriter output, string? note) where T : class
    {
        if (result.IsValid)
        {
            // The registered hash is of the canonical (RFC 8785) form of the text as read, so it does
            // not change with key order or whitespace, and is never of a re-serialisation.
            var hash = ContentHash.OfJsonText(result.Text!);
            output.WriteLine($"ok {result.Source} {hash}{(note is null ? "" : $"; {note}")}");
            return true;
        }
        foreach (var e in result.Errors) output.WriteLine(e.ToString());
        return false;
    }
}

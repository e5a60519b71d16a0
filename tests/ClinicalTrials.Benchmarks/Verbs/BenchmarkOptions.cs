using System.Globalization;

namespace ClinicalTrials.Benchmarks.Verbs;

/// <summary>Reads <c>--name value</c> pairs; anything else is a usage error.</summary>
internal sealed class BenchmarkOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private BenchmarkOptions() { }

    public static bool TryParse(string[] args, out BenchmarkOptions options, out string error)
    {
        options = new BenchmarkOptions();
        error = "";
        for (int i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                error = $"expected '--name value', got '{args[i]}'";
                return false;
            }
            options._values[args[i][2..]] = args[i + 1];
        }
        return true;
    }

    public string Text(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public long Long(string name, long fallback) =>
        _values.TryGetValue(name, out var text) ? long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : fallback;
}

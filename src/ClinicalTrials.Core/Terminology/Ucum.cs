using System.Collections.Frozen;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ClinicalTrials.Core.Terminology;

/// <summary>
/// UCUM unit expressions (<c>mm[Hg]</c>, <c>mg/dL</c>, <c>{steps}/d</c>), checked against UCUM's grammar
/// and the official ucum-essence table (prefixes, base units, units and which units take prefixes).
/// </summary>
/// <remarks>
/// The table is the <c>ucum-essence.xml</c> that Fhir.Metrics embeds. Its parser is not used: its type
/// initializer creates the en-US culture, which fails in this repository's globalization-invariant
/// processes, and it accepts malformed expressions such as <c>mg//dL</c>.
/// </remarks>
public static partial class Ucum
{
    private const string EssenceResource = "Fhir.Metrics.Data.ucum-essence.xml";

    private static readonly Lazy<Table> Essence = new(Table.Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when <paramref name="unit"/> is a valid UCUM expression.</summary>
    public static bool IsValid(string? unit) => Explain(unit) is null;

    /// <summary>Null when <paramref name="unit"/> is a valid UCUM expression, otherwise why it is not.</summary>
    public static string? Explain(string? unit)
    {
        if (string.IsNullOrEmpty(unit) || unit.Any(c => c is < '!' or > '~'))
            return $"'{unit}' is not a UCUM unit (UCUM units are printable ASCII without spaces, e.g. mm[Hg])";
        var parser = new Parser(unit, Essence.Value);
        if (parser.Parse()) return null;
        return parser.UnknownSymbol is { } symbol
            ? $"'{unit}' is not a UCUM unit: unknown symbol '{symbol}' (e.g. mm[Hg], mg/dL, kg, /min, {{steps}}/d)"
            : $"'{unit}' is not a UCUM unit: malformed expression (an empty term, or an unclosed bracket, brace or parenthesis)";
    }

    private sealed class Table(FrozenDictionary<string, bool> atoms, string[] prefixes)
    {
        public static Table Load()
        {
            using var stream = typeof(Fhir.Metrics.UCUM).Assembly.GetManifestResourceStream(EssenceResource)
                ?? throw new InvalidOperationException($"Fhir.Metrics no longer embeds {EssenceResource}");
            var root = XDocument.Load(stream).Root!;
            // Base units take prefixes; other units say so in isMetric.
            var atoms = root.Elements()
                .Where(e => e.Name.LocalName is "base-unit" or "unit")
                .ToFrozenDictionary(
                    e => (string)e.Attribute("Code")!,
                    e => e.Name.LocalName == "base-unit" || (string?)e.Attribute("isMetric") == "yes",
                    StringComparer.Ordinal);
            var prefixes = root.Elements().Where(e => e.Name.LocalName == "prefix")
                .Select(e => (string)e.Attribute("Code")!)
                .OrderByDescending(p => p.Length)
                .ToArray();
            return new Table(atoms, prefixes);
        }

        /// <summary>simpleUnit = ATOM | PREFIX metricATOM.</summary>
        public bool IsSimpleUnit(string s)
        {
            if (atoms.ContainsKey(s)) return true;
            foreach (var p in prefixes)
                if (s.Length > p.Length && s.StartsWith(p, StringComparison.Ordinal) && atoms.TryGetValue(s[p.Length..], out var metric) && metric)
                    return true;
            return false;
        }
    }

    /// <summary>mainTerm = ['/'] term; term = component (('.' | '/') component)*; component = annotatable [annotation] | annotation | factor | '(' term ')'.</summary>
    private sealed class Parser(string s, Table table)
    {
        private int _pos;

        public string? UnknownSymbol { get; private set; }

        public bool Parse()
        {
            if (Peek('/')) _pos++;
            return Term() && _pos == s.Length;
        }

        private bool Term()
        {
            if (!Component()) return false;
            while (Peek('.') || Peek('/'))
            {
                _pos++;
                if (!Component()) return false;
            }
            return true;
        }

        private bool Component()
        {
            if (Peek('('))
            {
                _pos++;
                if (!Term() || !Peek(')')) return false;
                _pos++;
                return true;
            }
            if (Peek('{')) return Annotation();
            var start = _pos;
            while (_pos < s.Length && s[_pos] is not ('.' or '/' or '(' or ')' or '{' or '}'))
            {
                if (s[_pos] == '[')
                {
                    var close = s.IndexOf(']', _pos + 1);
                    if (close < 0) return false;
                    _pos = close + 1;
                }
                else _pos++;
            }
            if (_pos == start) return false;
            var symbol = s[start.._pos];
            if (!IsAnnotatable(symbol))
            {
                UnknownSymbol = symbol;
                return false;
            }
            return !Peek('{') || Annotation();
        }

        /// <summary>A factor (digits), or simpleUnit followed by an optional signed integer exponent.</summary>
        private bool IsAnnotatable(string symbol)
        {
            if (symbol.All(char.IsAsciiDigit) || table.IsSimpleUnit(symbol)) return true;
            var m = Exponent().Match(symbol);
            return m.Success && table.IsSimpleUnit(m.Groups[1].Value);
        }

        private bool Annotation()
        {
            var close = s.IndexOf('}', _pos + 1);
            if (close < 0 || s.IndexOf('{', _pos + 1, close - _pos - 1) >= 0) return false;
            _pos = close + 1;
            return true;
        }

        private bool Peek(char c) => _pos < s.Length && s[_pos] == c;
    }

    [GeneratedRegex(@"^(.+?)([+-]?[0-9]+)$")]
    private static partial Regex Exponent();
}

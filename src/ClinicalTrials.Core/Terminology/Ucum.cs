using Fhir.Metrics;

namespace ClinicalTrials.Core.Terminology;

/// <summary>
/// UCUM unit expressions (<c>mm[Hg]</c>, <c>mg/dL</c>, <c>{steps}/d</c>): the expression's syntax is
/// checked here (Fhir.Metrics skips empty terms such as <c>mg//dL</c>), and its atoms and prefixes
/// against the ucum-essence table embedded in Fhir.Metrics.
/// </summary>
public static class Ucum
{
    private static readonly Lazy<SystemOfUnits> Units = new(UCUM.Load, LazyThreadSafetyMode.ExecutionAndPublication);

    // Fhir.Metrics does not document its parser as thread-safe; validation is rare and cheap to serialise.
    private static readonly Lock Gate = new();

    /// <summary>True when <paramref name="unit"/> is a valid UCUM expression.</summary>
    public static bool IsValid(string? unit) => Explain(unit) is null;

    /// <summary>Null when <paramref name="unit"/> is a valid UCUM expression, otherwise why it is not.</summary>
    public static string? Explain(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit) || unit.Any(c => c is < '!' or > '~'))
            return $"'{unit}' is not a UCUM unit (UCUM units are printable ASCII without spaces, e.g. mm[Hg])";
        if (!new SyntaxCheck(unit).IsValid())
            return $"'{unit}' is not a UCUM unit: malformed expression (an empty term, or an unclosed bracket, brace or parenthesis)";
        lock (Gate)
        {
            try
            {
                Units.Value.Metric(unit);
                return null;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                // Fhir.Metrics throws ArgumentException for an unknown atom or prefix.
                return $"'{unit}' is not a UCUM unit (e.g. mm[Hg], mg/dL, kg, /min, {{steps}}/d)";
            }
        }
    }

    /// <summary>UCUM's grammar: mainTerm = ['/'] term; term = component (('.' | '/') component)*.</summary>
    private sealed class SyntaxCheck(string s)
    {
        private int _pos;

        public bool IsValid()
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
            return !Peek('{') || Annotation();
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
}

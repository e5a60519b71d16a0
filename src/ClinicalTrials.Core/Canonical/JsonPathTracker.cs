using System.Text;

namespace ClinicalTrials.Core.Canonical;

/// <summary>The path from the root to the value being written, so errors can name it.</summary>
internal sealed class JsonPathTracker
{
    private readonly List<(string? Name, int Index)> _segments = [];

    public int Depth => _segments.Count;

    public void PushMember(string name) => _segments.Add((name, -1));

    public void PushIndex(int index) => _segments.Add((null, index));

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    /// <summary>Renders e.g. <c>$.visits[2]['dose mg']</c>.</summary>
    public string Render(string? member = null)
    {
        var sb = new StringBuilder("$");
        foreach (var (name, index) in _segments)
            Append(sb, name, index);
        if (member is not null) Append(sb, member, -1);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string? name, int index)
    {
        if (name is null) sb.Append('[').Append(index).Append(']');
        else if (name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')) sb.Append('.').Append(name);
        else sb.Append("['").Append(name.Replace("\\", "\\\\").Replace("'", "\\'")).Append("']");
    }
}

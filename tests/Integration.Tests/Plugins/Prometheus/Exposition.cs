using System.Globalization;
using System.Text.RegularExpressions;

namespace Gateway.Integration.Tests.Plugins.Prometheus;

/// <summary>Reads samples out of a Prometheus text exposition, to assert on what the gateway serves.</summary>
internal sealed partial class Exposition(string text)
{
    public string Text => text;

    /// <summary>Every sample: metric name, labels, value.</summary>
    public IEnumerable<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> Samples()
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in LabelPair().Matches(match.Groups["labels"].Value))
            {
                labels[label.Groups["name"].Value] = label.Groups["value"].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            }

            yield return (match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include every one given.</summary>
    public double Sum(string name, params (string Name, string Value)[] labels) =>
        Samples().Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Sum(s => s.Value);

    /// <summary>The one sample of <paramref name="name"/> with exactly these labels.</summary>
    public double Single(string name, params (string Name, string Value)[] labels)
    {
        var matches = Samples().Where(s => s.Name == name && s.Labels.Count == labels.Length && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).ToList();
        Assert.True(matches.Count == 1, $"{matches.Count} samples of {name}{{{string.Join(',', labels.Select(l => $"{l.Name}=\"{l.Value}\""))}}} in:\n{text}");
        return matches[0].Value;
    }

    public IReadOnlySet<string> Names() => Samples().Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\S+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<name>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(\\.|[^"\\])*)",?""")]
    private static partial Regex LabelPair();
}

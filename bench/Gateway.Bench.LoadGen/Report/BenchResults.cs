using System.Globalization;
using System.Text;
using System.Text.Json;
using Gateway.Bench.LoadGen.Processes;

namespace Gateway.Bench.LoadGen.Report;

/// <summary>Every measured value of a run, by figure and column, plus the machine line and notes.</summary>
internal sealed class BenchResults
{
    private readonly Dictionary<(string Figure, string Column), double> _values = [];

    public string Machine { get; set; } = string.Empty;

    public string Mode { get; set; } = string.Empty;

    public DateTimeOffset Started { get; set; } = DateTimeOffset.Now;

    public Dictionary<string, string> ColumnTitles { get; } = [];

    public Dictionary<string, string> Unavailable { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>The workloads this run measured (<c>--only</c>); null for all.</summary>
    public IReadOnlySet<string>? Only { get; set; }

    /// <summary>What <see cref="Figure.RoutesPlaceholder"/> stands for in the labels of this run.</summary>
    public string RoutesLabel { get; set; } = "10,000 routes";

    /// <summary>The figures this run measures, in table order.</summary>
    public IEnumerable<Figure> Included => Figures.List.Where(f => f.Workload is null || Only is null || Only.Contains(f.Workload));

    /// <summary>The row title of <paramref name="figure"/> in this run.</summary>
    public string LabelOf(Figure figure) => figure.Label.Replace(Figure.RoutesPlaceholder, RoutesLabel, StringComparison.Ordinal);

    public void Set(Figure figure, string column, double value) => _values[(figure.Id, column)] = value;

    public double Get(Figure figure, string column) => _values.TryGetValue((figure.Id, column), out var v) ? v : double.NaN;

    public bool Has(Figure figure, string column) => _values.TryGetValue((figure.Id, column), out var v) && !double.IsNaN(v);

    /// <summary>Columns a figure should have and has not: the test's "every figure" check.</summary>
    public IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        foreach (var figure in Included)
        {
            foreach (var column in figure.Columns)
            {
                if (!Has(figure, column))
                {
                    missing.Add($"{figure.Id}/{column}");
                }
            }
        }

        return missing;
    }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Gateway benchmark, {Started:yyyy-MM-dd HH:mm zzz} ({Mode})");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine}");
        md.AppendLine();
        md.AppendLine("Ratios in parentheses are against the baseline measured in the same run, interleaved: direct (client → mock) for latency, the bare proxy (the gateway host, no plugins) for throughput and memory; the YARP forwarder is YARP's direct forwarder alone, the floor under the bare proxy. \"added\" = column − direct. Rows with only a gateway value compare within that column (see each label).");
        md.AppendLine();
        md.Append("| figure | unit |");
        foreach (var column in Target.Keys)
        {
            md.Append(' ').Append(ColumnTitles.GetValueOrDefault(column, column)).Append(" |");
        }

        md.AppendLine(" target |");
        md.Append("|---|---|");
        foreach (var _ in Target.Keys)
        {
            md.Append("---:|");
        }

        md.AppendLine("---|");
        foreach (var figure in Included)
        {
            md.Append("| ").Append(LabelOf(figure)).Append(" | ").Append(figure.Unit).Append(" |");
            foreach (var column in Target.Keys)
            {
                md.Append(' ').Append(Cell(figure, column)).Append(" |");
            }

            md.Append(' ').Append(figure.Goal).AppendLine(" |");
        }

        md.AppendLine();
        foreach (var (column, reason) in Unavailable)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- **{ColumnTitles.GetValueOrDefault(column, column)} unavailable**: {reason}");
        }

        foreach (var note in Notes)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }

        return md.ToString();
    }

    private string Cell(Figure figure, string column)
    {
        if (!figure.Columns.Contains(column))
        {
            return "—";
        }

        if (!Has(figure, column))
        {
            return "n/a";
        }

        var value = Get(figure, column);
        var text = Number(value);
        var baselineColumn = figure.Baseline switch
        {
            Baseline.Direct => Target.Direct,
            Baseline.Bare => Target.Bare,
            _ => null,
        };
        if (baselineColumn is null || baselineColumn == column || !Has(figure, baselineColumn))
        {
            return text;
        }

        var baseline = Get(figure, baselineColumn);
        return baseline == 0 ? text : $"{text} ({(value / baseline).ToString("0.00", CultureInfo.InvariantCulture)}×)";
    }

    public static string Number(double value) => Math.Abs(value) switch
    {
        >= 1000 => value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    public string ToJson()
    {
        var figures = new Dictionary<string, Dictionary<string, double?>>();
        foreach (var figure in Included)
        {
            var row = new Dictionary<string, double?>();
            foreach (var column in figure.Columns)
            {
                row[column] = Has(figure, column) ? Get(figure, column) : null;
            }

            figures[figure.Id] = row;
        }

        return JsonSerializer.Serialize(new { started = Started, mode = Mode, machine = Machine, unavailable = Unavailable, figures, notes = Notes },
            new JsonSerializerOptions { WriteIndented = true });
    }
}

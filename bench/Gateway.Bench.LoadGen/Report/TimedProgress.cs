using System.Diagnostics;
using System.Text;

namespace Gateway.Bench.LoadGen.Report;

/// <summary>Progress lines with the seconds since the run started, so the time each workload takes is visible
/// (and a <c>--quick</c> run that grows can be traced to the workload that grew).</summary>
internal sealed class TimedProgress(TextWriter inner) : TextWriter
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public override Encoding Encoding => inner.Encoding;

    public override void WriteLine(string? value) =>
        inner.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{Stopwatch.GetElapsedTime(_started).TotalSeconds,5:0.0} s] {value}"));

    public override void Write(char value) => inner.Write(value);

    public override void Flush() => inner.Flush();
}

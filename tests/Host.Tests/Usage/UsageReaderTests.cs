using System.IO.Compression;
using System.Text;
using Gateway.Host.Usage;

namespace Gateway.Host.Tests.Usage;

public sealed class UsageReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("usage-reader-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<UsageAggregator> ReadAsync(params LogInput[] inputs)
    {
        var aggregator = new UsageAggregator(null, null, UsageGrouping.Day);
        await new UsageReader(aggregator).ReadAsync(inputs, () => throw new InvalidOperationException("no stdin here"), null, CancellationToken.None);
        return aggregator;
    }

    private LogInput Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return new LogInput(path, path);
    }

    [Fact]
    public async Task ReadAsync_LiveFileEndingMidLine_CountsTheTruncatedLastLineAndKeepsTheRest()
    {
        var full = LogLines.Ai(output: 5);
        var input = Write("claude.json", LogLines.Ai(output: 3) + "\n" + LogLines.WithoutAi() + "\nnot json\n\n" + full[..(full.Length / 2)]);

        var aggregator = await ReadAsync(input);

        var lines = aggregator.Lines;
        Assert.Equal((5L, 1L, 1L, 1L, 1L, 1L), (lines.Read, lines.Used, lines.WithoutAiProxy, lines.Malformed, lines.TruncatedLast, lines.Blank));
        Assert.Equal(3, aggregator.Totals.OutputTokens);
    }

    [Fact]
    public async Task ReadAsync_CompleteLastLineWithoutLineBreak_IsUsed()
    {
        var input = Write("claude.json", LogLines.Ai(output: 3) + "\r\n" + LogLines.Ai(output: 4));

        var aggregator = await ReadAsync(input);

        Assert.Equal((2L, 0L, 7L), (aggregator.Lines.Used, aggregator.Lines.TruncatedLast, aggregator.Totals.OutputTokens));
    }

    [Fact]
    public async Task ReadAsync_LineLongerThanTheCap_IsSkippedAndCountedAndTheNextLineIsRead()
    {
        var huge = "{\"x\":\"" + new string('a', LogLineSplitter.MaxLineBytes + 10) + "\"}";
        var input = Write("claude.json", LogLines.Ai(output: 1) + "\n" + huge + "\n" + LogLines.Ai(output: 2) + "\n");

        var aggregator = await ReadAsync(input);

        Assert.Equal((3L, 2L, 1L, 3L), (aggregator.Lines.Read, aggregator.Lines.Used, aggregator.Lines.TooLong, aggregator.Totals.OutputTokens));
    }

    [Fact]
    public async Task ReadAsync_GzipRotation_IsInflated()
    {
        var path = Path.Combine(_folder, "claude.json.1.gz");
        await using (var file = File.Create(path))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, 500).Select(i => LogLines.Ai(output: i) + "\n")));
            await gzip.WriteAsync(bytes);
        }

        var aggregator = await ReadAsync(new LogInput(path, path));

        Assert.Equal((500L, 500L * 501 / 2), (aggregator.Lines.Used, aggregator.Totals.OutputTokens));
    }

    [Fact]
    public async Task ReadAsync_CorruptGzip_ThrowsNamingTheFile()
    {
        var input = Write("claude.json.2.gz", "this is not gzip");

        var error = await Assert.ThrowsAsync<UsageInputException>(() => ReadAsync(input));

        Assert.StartsWith($"cannot read {input.Path}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_LinesAcrossManyPipeBuffers_AllCounted()
    {
        // About 3 MB: many 128 KiB reads, with lines cut at every possible buffer boundary.
        var text = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            text.Append(LogLines.Ai(output: 1, session: "s-" + new string('x', i % 700))).Append('\n');
        }

        var aggregator = await ReadAsync(Write("claude.json", text.ToString()));

        Assert.Equal((3000L, 3000L, 0L), (aggregator.Lines.Read, aggregator.Totals.OutputTokens, aggregator.Lines.Malformed));
    }
}

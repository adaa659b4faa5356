namespace Gateway.Integration.Tests.Usage;

/// <summary>The real executable's <c>usage</c> verb, piped as a script would run it: no ANSI, exit codes, one error line.</summary>
public sealed class UsageProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Usage_Piped_PrintsAPlainTableAndExits0WithoutStartingTheGateway()
    {
        var log = _folder.Write("claude.json",
            """{"request":{"headers":{"x-claude-code-session-id":"s-1"}},"response":{"status":200},"route":{"name":"example-route"},"started_at":1795741812159,"ai":{"proxy":{"meta":{"response_model":"claude-sonnet-4-5-20250929"},"usage":{"prompt_tokens":21856,"completion_tokens":20,"cost":0.0404,"time_to_first_token":425,"prompt_tokens_details":{"cached_tokens":10928,"cache_creation_tokens":5464}}}}}""" + "\n");

        var (code, stdout, stderr) = await HostProcess.RunAsync(["usage", "--log", log, "--by", "model"]);

        Assert.True(code == 0, stderr);
        Assert.DoesNotContain('\u001b', stdout + stderr);
        Assert.Equal(
            [
                "| Model                      | Requests | Input | Output | Cache write | Cache read | Cache hit |   Cost | Errors | TTFT p50 | TTFT p95 |",
                "| :------------------------- | -------: | ----: | -----: | ----------: | ---------: | --------: | -----: | -----: | -------: | -------: |",
                "| claude-sonnet-4-5-20250929 |        1 | 5,464 |     20 |       5,464 |     10,928 |     50.0% | 0.0404 |      0 |   425 ms |   425 ms |",
                "| Total                      |        1 | 5,464 |     20 |       5,464 |     10,928 |     50.0% | 0.0404 |      0 |   425 ms |   425 ms |",
                "1 line read from 1 file: 1 summarised",
            ],
            stdout.TrimEnd('\n').Split('\n'));
        Assert.Equal("", stderr);
    }

    [Fact]
    public async Task Usage_UnreadableLog_OneErrorLineAndExit1()
    {
        var missing = _folder.File("missing.json");

        var (code, stdout, stderr) = await HostProcess.RunAsync(["usage", "--log", missing]);

        Assert.Equal((1, ""), (code, stdout));
        Assert.Equal($"error: cannot read {missing}: no such file\n", stderr);
    }
}

using System.Text.Json.Nodes;
using Gateway.EndToEnd.Tests.Infrastructure;
using Gateway.MockAnthropic;

namespace Gateway.EndToEnd.Tests;

/// <summary>
/// The tutorial with the real Claude Code CLI: CLI → gateway (examples/claude-code, in-process) → mock Anthropic.
/// The mock only accepts the operator's key, so a gateway that forwards the CLI's dummy key fails loudly.
/// </summary>
[Collection(ClaudeCodeCollection.Name)]
public sealed class ClaudeCodeThroughGatewayTests(ClaudeCodeInstallation cli)
{
    private const string Answer = "Four, said the mock behind the gateway.";
    private const string Question = "What is 2 + 2? [[mock:text:" + Answer + "]]";

    [Fact]
    public async Task PrintMode_Question_AnswerPrintedKeySwappedAndOneLogLineWithExactUsage()
    {
        await using var world = await TutorialGateway.StartAsync();

        // The same question straight to the mock (with the real key) shows what the CLI sends by itself.
        var direct = await world.RunClaudeAsync(cli, ClaudeCodeRun.Environment(world.Mock.BaseUri, world.Home, apiKey: world.ApiKey), "-p", Question);
        Assert.True(direct.ExitCode == 0, "direct run: " + direct);
        var sentByCli = Assert.Single(world.Mock.Requests);
        world.Mock.Clear();

        var result = await world.RunClaudeAsync(cli, ClaudeCodeRun.Environment(world.BaseUrl, world.Home), "-p", Question);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(Answer, result.Stdout, StringComparison.Ordinal);
        var upstream = Assert.Single(world.Mock.Requests);
        Assert.Equal(("POST", "/v1/messages?beta=true", 200, true), (upstream.Method, upstream.PathAndQuery, upstream.ResponseStatus, upstream.Streamed));
        Assert.Equal(world.ApiKey, upstream.Headers["x-api-key"]);
        Assert.False(upstream.Headers.ContainsKey("authorization"), "authorization reached the provider: " + upstream.Headers.GetValueOrDefault("authorization"));
        Assert.Contains("claude-code-20250219", upstream.Headers["anthropic-beta"], StringComparison.Ordinal);
        AssertForwardedUnchanged(sentByCli, upstream);

        var (logText, log) = await world.StopAndReadLogAsync();
        var line = Assert.Single(log);
        Assert.StartsWith("claude-cli/", (string)line["request"]!["headers"]!["user-agent"]!, StringComparison.Ordinal);
        Assert.Equal("REDACTED", (string?)line["request"]!["headers"]!["x-api-key"]);
        Assert.Equal("/anything/v1/messages?beta=true", (string?)line["request"]!["uri"]);
        Assert.Equal("/v1/messages?beta=true", (string?)line["upstream_uri"]);
        Assert.Equal(200, (int)line["response"]!["status"]!);
        Assert.Equal("stream", (string?)line["ai"]!["proxy"]!["meta"]!["request_mode"]);
        AssertUsage(upstream, line);
        Assert.DoesNotContain(world.ApiKey, logText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamJson_UpstreamPausesAfterFirstEvent_CliGetsFirstEventWhileUpstreamStillStreaming()
    {
        await using var world = await TutorialGateway.StartAsync();

        // The mock sends message_start, then holds the rest of the stream until released. Claude Code's stream-json
        // output prints every event as it arrives: message_start can only show up now if nothing buffers it.
        var claude = world.StartClaude(cli, ClaudeCodeRun.Environment(world.BaseUrl, world.Home),
            "-p", Question + " [[mock:hold-after-first-event]]", "--output-format", "stream-json", "--verbose", "--include-partial-messages");
        var firstEventSeen = await claude.WaitForLineAsync(IsStreamEvent("message_start"), TimeSpan.FromSeconds(15));
        var heldWhenSeen = world.Mock.HeldCount;
        var answerSeenEarly = claude.Stdout.Contains(Answer, StringComparison.Ordinal);
        world.Mock.ReleaseHeld();
        var result = await claude.WaitForExitAsync();

        Assert.True(firstEventSeen, "message_start did not reach the CLI while the upstream held the rest of its stream (buffered?)\n" + result);
        Assert.Equal(1, heldWhenSeen);
        Assert.False(answerSeenEarly, "the answer arrived before the release: the hold marker did not apply");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.Stdout.Split('\n'), IsStreamEvent("message_stop").Invoke);
        Assert.Contains(Answer, result.Stdout, StringComparison.Ordinal);
        var upstream = Assert.Single(world.Mock.Requests);
        var (_, log) = await world.StopAndReadLogAsync();
        AssertUsage(upstream, Assert.Single(log));
    }

    private static Func<string, bool> IsStreamEvent(string type) =>
        line => line.StartsWith("{\"type\":\"stream_event\"", StringComparison.Ordinal) &&
                line.Contains($"\"event\":{{\"type\":\"{type}\"", StringComparison.Ordinal);

    [Fact]
    public async Task PrintMode_BashToolRoundTrip_FileCreatedAndTwoLogLinesWithExactUsage()
    {
        await using var world = await TutorialGateway.StartAsync();

        var result = await world.RunClaudeAsync(cli, ClaudeCodeRun.Environment(world.BaseUrl, world.Home),
            "-p", "Make a file. [[mock:bash:echo made through the gateway > made-by-mock.txt]]", "--allowedTools", "Bash");

        Assert.True(result.ExitCode == 0, result.ToString());
        var created = Path.Combine(world.WorkingFolder, "made-by-mock.txt");
        Assert.True(File.Exists(created), $"{created} was not created; {result}");
        Assert.Equal("made through the gateway\n", await File.ReadAllTextAsync(created));
        Assert.Contains("Done:", result.Stdout, StringComparison.Ordinal);
        var upstream = world.Mock.Requests;
        Assert.Equal(2, upstream.Count);
        Assert.All(upstream, r => Assert.Equal((200, world.ApiKey), (r.ResponseStatus, r.Headers["x-api-key"])));
        Assert.DoesNotContain("tool_result", upstream[0].Body, StringComparison.Ordinal);
        Assert.Contains("tool_result", upstream[1].Body, StringComparison.Ordinal);

        var (logText, log) = await world.StopAndReadLogAsync();
        Assert.Equal(2, log.Count);
        // One conversation, two sequential turns: the log lines are in the order the mock answered them.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("stream", (string?)log[i]["ai"]!["proxy"]!["meta"]!["request_mode"]);
            AssertUsage(upstream[i], log[i]);
        }

        Assert.Equal((string?)log[0]["request"]!["headers"]!["x-claude-code-session-id"], (string?)log[1]["request"]!["headers"]!["x-claude-code-session-id"]);
        Assert.DoesNotContain(world.ApiKey, logText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintMode_TutorialSettingsFilesWithApiKeyHelper_WorksWithConfiguredKey()
    {
        await using var world = await TutorialGateway.StartAsync();
        // The tutorial's interactive setup, copied from examples/claude-code as a user would.
        var claudeFolder = Directory.CreateDirectory(Path.Combine(world.Home, ".claude")).FullName;
        File.Copy(ExampleConfig.Path("settings.json"), Path.Combine(claudeFolder, "settings.json"));
        var helper = Path.Combine(claudeFolder, "anthropic_key.sh");
        File.Copy(ExampleConfig.Path("anthropic_key.sh"), helper);
        File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await File.WriteAllTextAsync(Path.Combine(world.Home, ".claude.json"), """{"hasCompletedOnboarding": true}""");

        // Straight to the mock (accepting any key for this one run): with a key helper the CLI sends a dummy
        // bearer token as well as x-api-key, which is what the gateway must not let through.
        world.Mock.Options.ExpectedApiKey = null;
        var direct = await world.RunClaudeAsync(cli, ClaudeCodeRun.Environment(world.Mock.BaseUri, world.Home, apiKey: null), "-p", Question);
        Assert.True(direct.ExitCode == 0, "direct run: " + direct);
        var sentByCli = Assert.Single(world.Mock.Requests).Headers;
        Assert.Equal(("x", "Bearer x"), (sentByCli["x-api-key"], sentByCli.GetValueOrDefault("authorization")));
        world.Mock.Options.ExpectedApiKey = world.ApiKey;
        world.Mock.Clear();

        var result = await world.RunClaudeAsync(cli, ClaudeCodeRun.Environment(world.BaseUrl, world.Home, apiKey: null), "-p", Question);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(Answer, result.Stdout, StringComparison.Ordinal);
        var upstream = Assert.Single(world.Mock.Requests);
        Assert.Equal(world.ApiKey, upstream.Headers["x-api-key"]);
        Assert.False(upstream.Headers.ContainsKey("authorization"), "authorization reached the provider: " + upstream.Headers.GetValueOrDefault("authorization"));

        var (logText, log) = await world.StopAndReadLogAsync();
        var headers = Assert.Single(log)["request"]!["headers"]!.AsObject();
        // As in Kong, the log shows the request headers as proxied: the bearer was removed, the key redacted.
        Assert.Equal("REDACTED", (string?)headers["x-api-key"]);
        Assert.False(headers.ContainsKey("authorization"), "authorization in the log: " + headers["authorization"]);
        AssertUsage(upstream, log[0]);
        Assert.DoesNotContain(world.ApiKey, logText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintMode_Upstream529_CliReportsOverloadedAndEveryAttemptLogged()
    {
        await using var world = await TutorialGateway.StartAsync();

        var result = await world.RunClaudeAsync(cli, ClaudeCodeRun.Environment(world.BaseUrl, world.Home, maxRetries: 2), "-p", "Hello? [[mock:status:529]]");

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("529", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Overloaded", result.Stdout + result.Stderr, StringComparison.Ordinal);
        var upstream = world.Mock.Requests;
        // CLAUDE_CODE_MAX_RETRIES=2: the first attempt and two retries (measured with 2.1.328).
        Assert.Equal(3, upstream.Count);
        Assert.All(upstream, r => Assert.Equal((529, world.ApiKey), (r.ResponseStatus, r.Headers["x-api-key"])));

        var (logText, log) = await world.StopAndReadLogAsync();
        Assert.Equal(upstream.Count, log.Count);
        Assert.All(log, line =>
        {
            Assert.Equal(529, (int)line["response"]!["status"]!);
            Assert.Equal("529", (string?)line["upstream_status"]);
            Assert.Equal("overloaded_error", (string?)line["ai"]!["proxy"]!["meta"]!["response_error"]!["type"]);
            Assert.Equal(0, (int)line["ai"]!["proxy"]!["usage"]!["total_tokens"]!);
        });
        Assert.DoesNotContain(world.ApiKey, logText, StringComparison.Ordinal);
    }

    /// <summary>prompt = input + cache creation + cache read, completion = output: what the mock actually sent.</summary>
    private static void AssertUsage(RecordedRequest upstream, JsonObject line)
    {
        var sent = upstream.ResponseUsage ?? throw new InvalidOperationException("the mock recorded no usage for " + upstream.PathAndQuery);
        var usage = line["ai"]!["proxy"]!["usage"]!;
        var prompt = sent.InputTokens + sent.CacheCreationInputTokens + sent.CacheReadInputTokens;
        Assert.True(sent.CacheReadInputTokens > 0 && sent.OutputTokens > 1, "the mock's usage should exercise cache and output counts: " + sent);
        Assert.Equal(
            (prompt, sent.OutputTokens, prompt + sent.OutputTokens, sent.CacheReadInputTokens, sent.CacheCreationInputTokens),
            ((int)usage["prompt_tokens"]!, (int)usage["completion_tokens"]!, (int)usage["total_tokens"]!,
             (int)usage["prompt_tokens_details"]!["cached_tokens"]!, (int)usage["prompt_tokens_details"]!["cache_creation_tokens"]!));
    }

    /// <summary>Every header the CLI sends reaches the provider as sent, except those the gateway owns.</summary>
    private static void AssertForwardedUnchanged(RecordedRequest direct, RecordedRequest viaGateway)
    {
        string[] gatewayOwned = ["host", "connection", "content-length", "accept-encoding", "x-api-key", "authorization", "x-claude-code-session-id"];
        foreach (var (name, value) in direct.Headers.Where(h => !gatewayOwned.Contains(h.Key)))
        {
            Assert.True(viaGateway.Headers.TryGetValue(name, out var forwarded), $"header {name} was not forwarded");
            Assert.True(value == forwarded, $"header {name}: the CLI sent '{value}', the provider got '{forwarded}'");
        }
    }
}

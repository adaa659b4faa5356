using System.Text.Json.Nodes;
using Gateway.EndToEnd.Tests.Infrastructure;
using Gateway.MockAnthropic;

namespace Gateway.EndToEnd.Tests;

/// <summary>
/// Claude Code on an OpenAI-compatible model: the real CLI → the gateway on examples/claude-code-local-model
/// (llm_format: anthropic, provider: openai) → the mock's OpenAI Chat Completions side, standing in for Ollama.
/// The mock accepts only the configured bearer key, so a gateway that forwards the CLI's key fails loudly.
/// </summary>
[Collection(ClaudeCodeCollection.Name)]
public sealed class ClaudeCodeLocalModelTests(ClaudeCodeInstallation cli) : IAsyncLifetime
{
    private const string Answer = "Four, said the local model.";
    private readonly string _key = "sk-local-e2e-" + Guid.NewGuid().ToString("N");
    private readonly TempFolder _folder = new();
    private MockAnthropicServer _mock = null!;
    private GatewayTestHost? _gateway;

    private string Home => _folder.File("home");

    private string Work => _folder.File("work");

    private string LogPath => _folder.File("claude-local.json");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Work);
        _mock = await MockAnthropicServer.StartAsync(new MockAnthropicOptions { ExpectedApiKey = _key });
        var yaml = ExampleConfig.LocalModelForLocalRun(_mock.BaseUri, LogPath);
        _gateway = await GatewayTestHost.StartAsync([yaml], new Dictionary<string, string> { ["DECK_OPENAI_API_KEY"] = _key },
            ExampleConfig.AiProxyAndFileLog);
    }

    [Fact]
    public async Task PrintMode_Question_AnswerPrintedFromTheOpenAiBackendWithExactUsageLogged()
    {
        var result = await RunAsync("-p", $"What is 2 + 2? [[mock:text:{Answer}]]");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(Answer, result.Stdout, StringComparison.Ordinal);
        var upstream = Assert.Single(_mock.Requests);
        Assert.Equal(("POST", "/v1/chat/completions", 200, true), (upstream.Method, upstream.PathAndQuery, upstream.ResponseStatus, upstream.Streamed));
        Assert.Equal("Bearer " + _key, upstream.Headers["authorization"]);
        Assert.False(upstream.Headers.ContainsKey("x-api-key"));
        var sent = JsonNode.Parse(upstream.Body)!;
        Assert.Equal("qwen3-coder:30b", (string?)sent["model"]);
        Assert.Equal("system", (string?)sent["messages"]![0]!["role"]);
        Assert.True((bool)sent["stream_options"]!["include_usage"]!);

        var (text, log) = await StopAndReadLogAsync();
        var line = Assert.Single(log);
        var meta = line["ai"]!["proxy"]!["meta"]!;
        Assert.Equal(("openai", "qwen3-coder:30b", ClaudeCodeRun.Model, "stream"),
            ((string?)meta["provider_name"], (string?)meta["request_model"], (string?)meta["client_model"], (string?)meta["request_mode"]));
        AssertUsage(upstream, line);
        Assert.DoesNotContain(_key, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintMode_BashToolRoundTrip_FileCreatedAndTwoLogLinesWithExactUsage()
    {
        var result = await RunAsync("-p", "Make a file. [[mock:bash:echo made by a local model > made-by-mock.txt]]", "--allowedTools", "Bash");

        Assert.True(result.ExitCode == 0, result.ToString());
        var created = Path.Combine(Work, "made-by-mock.txt");
        Assert.True(File.Exists(created), $"{created} was not created; {result}");
        Assert.Equal("made by a local model\n", await File.ReadAllTextAsync(created));
        Assert.Contains("Done:", result.Stdout, StringComparison.Ordinal);
        var upstream = _mock.Requests;
        Assert.Equal(2, upstream.Count);
        var second = JsonNode.Parse(upstream[1].Body)!["messages"]!.AsArray();
        var call = second.Single(m => (string?)m!["role"] == "assistant" && m["tool_calls"] is not null)!["tool_calls"]![0]!;
        var toolMessage = second.Single(m => (string?)m!["role"] == "tool")!;
        Assert.Equal((string?)call["id"], (string?)toolMessage["tool_call_id"]);
        Assert.Equal("Bash", (string?)call["function"]!["name"]);

        var (_, log) = await StopAndReadLogAsync();
        Assert.Equal(2, log.Count);
        for (var i = 0; i < 2; i++)
        {
            AssertUsage(upstream[i], log[i]);
        }
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        await _mock.DisposeAsync();
        _folder.Dispose();
    }

    private Task<ClaudeCodeResult> RunAsync(params string[] args) =>
        ClaudeCodeRun.RunAsync(cli.Executable, Work, ClaudeCodeRun.Environment(new Uri(_gateway!.BaseUri, "/local"), Home), args);

    private async Task<(string Text, IReadOnlyList<JsonObject> Lines)> StopAndReadLogAsync()
    {
        await _gateway!.DisposeAsync();
        _gateway = null;
        var text = File.Exists(LogPath) ? await File.ReadAllTextAsync(LogPath) : "";
        return (text, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList());
    }

    /// <summary>The log's usage is what the mock's OpenAI answer reported: prompt (cached part included), completion.</summary>
    private static void AssertUsage(RecordedRequest upstream, JsonObject line)
    {
        var sent = upstream.ResponseUsage ?? throw new InvalidOperationException("the mock recorded no usage");
        var usage = line["ai"]!["proxy"]!["usage"]!;
        var prompt = sent.InputTokens + sent.CacheReadInputTokens;
        Assert.True(sent.CacheReadInputTokens > 0, "Claude Code's prompt is long enough for cached tokens: " + sent);
        Assert.Equal(
            (prompt, sent.OutputTokens, prompt + sent.OutputTokens, sent.CacheReadInputTokens, 0),
            ((int)usage["prompt_tokens"]!, (int)usage["completion_tokens"]!, (int)usage["total_tokens"]!,
             (int)usage["prompt_tokens_details"]!["cached_tokens"]!, (int)usage["prompt_tokens_details"]!["cache_creation_tokens"]!));
    }
}

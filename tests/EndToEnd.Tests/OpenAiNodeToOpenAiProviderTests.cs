using System.Text.Json.Nodes;
using Gateway.EndToEnd.Tests.Infrastructure;
using Gateway.MockAnthropic;

namespace Gateway.EndToEnd.Tests;

/// <summary>
/// The official <c>openai</c> npm package (pinned) through a <c>llm_format: openai</c>, <c>provider: openai</c> route
/// whose <c>upstream_url</c> is the mock's OpenAI Chat Completions side: Chat Completions pass through, the SDK's own
/// parsing and typed errors decide, and the log line's usage is the mock's. The mock accepts only the configured
/// bearer key, so a gateway that forwarded the client's key would fail every call with 401.
/// </summary>
[Collection(OpenAiNodeCollection.Name)]
public sealed class OpenAiNodeToOpenAiProviderTests(OpenAiNodeInstallation sdk) : IAsyncLifetime
{
    private const string Model = "gpt-4o-mini";
    private readonly string _key = "sk-openai-e2e-" + Guid.NewGuid().ToString("N");
    private readonly TempFolder _folder = new();
    private MockAnthropicServer _mock = null!;
    private GatewayTestHost _gateway = null!;

    private string LogPath => _folder.File("openai-provider.json");

    private Uri BaseUrl => new(_gateway.BaseUri, "/openai/v1");

    public async Task InitializeAsync()
    {
        _mock = await MockAnthropicServer.StartAsync(new MockAnthropicOptions { ExpectedApiKey = _key });
        var yaml = $$$"""
            _format_version: "3.0"
            services:
              - name: openai-service
                url: {{{_mock.BaseUri}}}
            routes:
              - name: openai-route
                paths:
                  - "/openai"
                service:
                  name: openai-service
            plugins:
              - name: ai-proxy
                route: openai-route
                config:
                  route_type: llm/v1/chat
                  llm_format: openai
                  auth:
                    header_name: Authorization
                    header_value: Bearer ${{ env "DECK_OPENAI_API_KEY" }}
                  model:
                    provider: openai
                    name: {{{Model}}}
                    options:
                      upstream_url: {{{new Uri(_mock.BaseUri, "/v1/chat/completions")}}}
                  logging:
                    log_statistics: true
              - name: file-log
                config:
                  path: "{{{LogPath}}}"
            """;
        _gateway = await GatewayTestHost.StartAsync([yaml], new Dictionary<string, string> { ["DECK_OPENAI_API_KEY"] = _key },
            ExampleConfig.AiProxyAndFileLog);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _mock.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Plain_ChatCompletionParsedBySdk_UsageIsTheMocksInAnswerAndLog()
    {
        var value = await RunOkAsync("plain");

        Assert.Equal(("chat.completion", Model, "Hello from the mock Anthropic server.", "stop"),
            ((string?)value["object"], (string?)value["model"], (string?)value["text"], (string?)value["finish"]));
        var upstream = Assert.Single(_mock.Requests);
        Assert.Equal(("/v1/chat/completions", "Bearer " + _key), (upstream.PathAndQuery, upstream.Headers["authorization"]));
        var mock = upstream.ResponseUsage!;
        Assert.Equal((Prompt(mock), mock.OutputTokens), ((int)value["usage"]!["prompt_tokens"]!, (int)value["usage"]!["completion_tokens"]!));
        await AssertLoggedUsageAsync(mock, "oneshot");
    }

    [Fact]
    public async Task Stream_WithIncludeUsage_DeltasFinishAndTheMocksUsageChunk()
    {
        var value = await RunOkAsync("stream");

        Assert.Equal(("Hello from the mock Anthropic server.", "stop", 1),
            ((string?)value["text"], (string?)value["finish"], (int)value["emptyChoiceChunks"]!));
        var upstream = Assert.Single(_mock.Requests);
        Assert.True(upstream.Streamed);
        var mock = upstream.ResponseUsage!;
        Assert.Equal((Prompt(mock), mock.OutputTokens), ((int)value["usage"]!["prompt_tokens"]!, (int)value["usage"]!["completion_tokens"]!));
        await AssertLoggedUsageAsync(mock, "stream");
    }

    [Fact]
    public async Task Stream_WithoutIncludeUsage_SdkSeesNoUsageChunkButTheLogHasTheMocksUsage()
    {
        var value = await RunOkAsync("streamNoUsage");

        Assert.Equal(("Hello from the mock Anthropic server.", "stop", 0),
            ((string?)value["text"], (string?)value["finish"], (int)value["emptyChoiceChunks"]!));
        Assert.Null(value["usage"]);
        var upstream = Assert.Single(_mock.Requests);
        Assert.True((bool)JsonNode.Parse(upstream.Body)!["stream_options"]!["include_usage"]!, "the gateway asks for usage itself");
        await AssertLoggedUsageAsync(upstream.ResponseUsage!, "stream");
    }

    [Fact]
    public async Task Tools_StreamedToolCallThenResult_RoundTrip()
    {
        var value = await RunOkAsync("tools");

        var call = value["first"]!["toolCalls"]!["0"]!;
        Assert.False(string.IsNullOrEmpty((string?)call["id"]));
        Assert.Equal(("Bash", "ls -1", "tool_calls"),
            ((string?)call["name"], (string?)JsonNode.Parse((string)call["arguments"]!)!["command"], (string?)value["first"]!["finish"]));
        Assert.Equal(("Done: notes.txt", "stop"), ((string?)value["answer"], (string?)value["finish"]));
        var second = JsonNode.Parse(_mock.Requests[1].Body)!["messages"]!.AsArray();
        Assert.Equal((string?)call["id"], (string?)second.Single(m => (string?)m!["role"] == "tool")!["tool_call_id"]);
    }

    [Fact]
    public async Task Error429_SdkRaisesRateLimitErrorWithTheUpstreamsTypeAndMessage()
    {
        var result = await RunAsync("error429");

        Assert.Equal((false, "RateLimitError", 429, "tokens"),
            ((bool)result["ok"]!, (string?)result["errorClass"], (int?)result["status"], (string?)result["type"]));
        Assert.Contains("Rate limit reached for requests (mock).", (string)result["message"]!, StringComparison.Ordinal);
        Assert.Equal(429, Assert.Single(_mock.Requests).ResponseStatus);
    }

    private static int Prompt(MockUsage mock) => mock.InputTokens + mock.CacheReadInputTokens;

    private Task<JsonNode> RunAsync(string scenario) => sdk.ScenarioAsync(BaseUrl, scenario, Model);

    private Task<JsonNode> RunOkAsync(string scenario) => sdk.ScenarioValueAsync(BaseUrl, scenario, Model);

    private async Task AssertLoggedUsageAsync(MockUsage mock, string mode)
    {
        var proxy = (await FileLogLines.FirstAsync(LogPath))["ai"]!["proxy"]!;
        var usage = proxy["usage"]!;
        Assert.Equal(("openai", Model, mode), ((string?)proxy["meta"]!["provider_name"], (string?)proxy["meta"]!["request_model"], (string?)proxy["meta"]!["request_mode"]));
        Assert.Equal((Prompt(mock), mock.OutputTokens, mock.CacheReadInputTokens),
            ((long)usage["prompt_tokens"]!, (long)usage["completion_tokens"]!, (long)usage["prompt_tokens_details"]!["cached_tokens"]!));
        Assert.DoesNotContain(_key, await File.ReadAllTextAsync(LogPath), StringComparison.Ordinal);
    }
}

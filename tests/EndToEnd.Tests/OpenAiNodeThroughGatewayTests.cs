using System.Text.Json.Nodes;
using Gateway.EndToEnd.Tests.Infrastructure;
using Gateway.MockAnthropic;

namespace Gateway.EndToEnd.Tests;

/// <summary>
/// The official <c>openai</c> npm package (pinned, installed by the tests) against examples/openai-clients/kong.yaml,
/// whose upstream is the mock Anthropic server: the SDK's own parsing and typed errors decide, and the log line's
/// usage is the mock's.
/// </summary>
[Collection(OpenAiNodeCollection.Name)]
public sealed class OpenAiNodeThroughGatewayTests(OpenAiNodeInstallation sdk) : IAsyncLifetime
{
    private const string Model = "claude-sonnet-4-5-20250929";
    private readonly TempFolder _folder = new();
    private MockAnthropicServer _mock = null!;
    private GatewayTestHost _gateway = null!;
    private string _apiKey = "";

    private string LogPath => _folder.File("openai-clients.json");

    private Uri BaseUrl => new(_gateway.BaseUri, "/openai/v1");

    public async Task InitializeAsync()
    {
        _apiKey = "sk-ant-e2e-" + Guid.NewGuid().ToString("N");
        _mock = await MockAnthropicServer.StartAsync(new MockAnthropicOptions { ExpectedApiKey = _apiKey });
        var yaml = ExampleConfig.ForLocalRun(await File.ReadAllTextAsync(ExampleConfig.OpenAiClientsFile), _mock.BaseUri, LogPath);
        _gateway = await GatewayTestHost.StartAsync([yaml], new Dictionary<string, string> { ["DECK_ANTHROPIC_API_KEY"] = _apiKey },
            ExampleConfig.AiProxyAndFileLog);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _mock.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Plain_ChatCompletionParsedBySdk_AndLoggedUsageIsTheMocks()
    {
        var value = await RunOkAsync("plain");

        Assert.Equal(("chat.completion", Model, "Hello from the mock Anthropic server.", "stop"),
            ((string?)value["object"], (string?)value["model"], (string?)value["text"], (string?)value["finish"]));
        var mock = Assert.Single(_mock.Requests).ResponseUsage!;
        Assert.Equal(mock.InputTokens, (int)value["usage"]!["prompt_tokens"]!);
        await AssertLoggedUsageAsync(mock);
    }

    [Fact]
    public async Task Stream_DeltasFinishAndUsageChunk()
    {
        var value = await RunOkAsync("stream");

        Assert.Equal(("Hello from the mock Anthropic server.", "stop"), ((string?)value["text"], (string?)value["finish"]));
        Assert.True((int)value["chunks"]! >= 8, value.ToJsonString()); // role, 5 deltas, finish, usage
        var mock = Assert.Single(_mock.Requests).ResponseUsage!;
        Assert.Equal((mock.InputTokens, 5), ((int)value["usage"]!["prompt_tokens"]!, (int)value["usage"]!["completion_tokens"]!));
        await AssertLoggedUsageAsync(mock);
    }

    [Fact]
    public async Task Tools_StreamedToolCallThenResult_RoundTrip()
    {
        var value = await RunOkAsync("tools");

        var call = value["first"]!["toolCalls"]!["0"]!;
        Assert.StartsWith("toolu_", (string?)call["id"], StringComparison.Ordinal);
        Assert.Equal("Bash", (string?)call["name"]);
        Assert.Equal("ls -1", (string?)JsonNode.Parse((string)call["arguments"]!)!["command"]);
        Assert.Equal("tool_calls", (string?)value["first"]!["finish"]);
        Assert.Equal(("Done: notes.txt", "stop"), ((string?)value["answer"], (string?)value["finish"]));
    }

    [Fact]
    public async Task Structured_JsonSchemaAnswerParses()
    {
        var value = await RunOkAsync("structured");

        Assert.Equal(7, (int)value["parsed"]!["n"]!);
        Assert.NotNull(JsonNode.Parse(Assert.Single(_mock.Requests).Body)!["output_config"]);
    }

    [Fact]
    public async Task Error429_SdkRaisesRateLimitErrorWithAnthropicsTypeAndMessage()
    {
        var result = await RunAsync("error429");

        Assert.Equal((false, "RateLimitError", 429, "rate_limit_error"),
            ((bool)result["ok"]!, (string?)result["errorClass"], (int?)result["status"], (string?)result["type"]));
        Assert.Contains("rate limit", (string)result["message"]!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StreamError_SdkRaisesApiErrorFromTheErrorChunk()
    {
        var result = await RunAsync("streamError");

        Assert.Equal((false, "APIError", "overloaded_error"), ((bool)result["ok"]!, (string?)result["errorClass"], (string?)result["type"]));
        Assert.Contains("Overloaded", (string)result["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnModel_SdkRaisesBadRequestWithKongsMessage()
    {
        var result = await RunAsync("ownModel");

        Assert.Equal((false, "BadRequestError", 400), ((bool)result["ok"]!, (string?)result["errorClass"], (int?)result["status"]));
        Assert.Contains($"cannot use own model - must be: {Model}", (string)result["message"]!, StringComparison.Ordinal);
        Assert.Empty(_mock.Requests);
    }

    [Fact]
    public async Task Models_ListedInOpenAisShape()
    {
        var value = await RunOkAsync("models");

        Assert.NotEmpty(value["ids"]!.AsArray());
        Assert.Equal("""["model"]""", value["objects"]!.ToJsonString());
    }

    private Task<JsonNode> RunAsync(string scenario) => sdk.ScenarioAsync(BaseUrl, scenario);

    private Task<JsonNode> RunOkAsync(string scenario) => sdk.ScenarioValueAsync(BaseUrl, scenario);

    private async Task AssertLoggedUsageAsync(MockUsage mock)
    {
        var usage = (await FileLogLines.FirstAsync(LogPath))["ai"]!["proxy"]!["usage"]!;
        Assert.Equal(mock.InputTokens + mock.CacheReadInputTokens + mock.CacheCreationInputTokens, (long)usage["prompt_tokens"]!);
        Assert.Equal(mock.OutputTokens, (long)usage["completion_tokens"]!);
    }
}

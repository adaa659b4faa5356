using System.Text.Json.Nodes;
using Gateway.MockAnthropic;

namespace Gateway.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One test's world: the mock Anthropic server (answering 401 to any key but the configured one), the real
/// gateway in-process on the tutorial's three files pointed at the mock, and a temp HOME and working folder for
/// the CLI.
/// </summary>
internal sealed class TutorialGateway : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private GatewayTestHost? _gateway;

    private TutorialGateway(MockAnthropicServer mock, GatewayTestHost gateway, TempFolder folder, string apiKey)
    {
        Mock = mock;
        _gateway = gateway;
        _folder = folder;
        ApiKey = apiKey;
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(WorkingFolder);
    }

    /// <summary>The operator's key (DECK_ANTHROPIC_API_KEY): unique per test, so finding it anywhere is a leak.</summary>
    public string ApiKey { get; }

    public MockAnthropicServer Mock { get; }

    /// <summary>The gateway's listener (the tutorial's <c>http://localhost:8000</c>).</summary>
    public Uri GatewayUri => (_gateway ?? throw new InvalidOperationException("gateway already stopped")).BaseUri;

    /// <summary>What Claude Code is pointed at: <c>ANTHROPIC_BASE_URL</c>.</summary>
    public Uri BaseUrl => new(GatewayUri, "/anything");

    public string Home => _folder.File("home");

    public string WorkingFolder => _folder.File("work");

    public string LogPath => _folder.File("claude.json");

    /// <summary>The repository's plugins.json: the bundled plugins and nothing else.</summary>
    private static readonly IReadOnlyDictionary<string, string> BundledPlugins = new Dictionary<string, string>
    {
        ["ai-proxy"] = PluginCatalogFile.Standard["ai-proxy"],
        ["file-log"] = PluginCatalogFile.Standard["file-log"],
        ["ai-rate-limiting-advanced"] = RepoPaths.BundledPlugin("AiRateLimitingAdvanced", "Gateway.Plugins.AiRateLimitingAdvanced"),
    };

    /// <param name="modelOptions">Extra lines under ai-proxy's <c>model.options</c>, e.g. <c>input_cost: 3</c>.</param>
    /// <param name="extraYaml">More decK files applied after the tutorial's, e.g. a budget plugin.</param>
    public static async Task<TutorialGateway> StartAsync(IReadOnlyList<string>? modelOptions = null, IReadOnlyList<string>? extraYaml = null)
    {
        var apiKey = "sk-ant-e2e-" + Guid.NewGuid().ToString("N");
        var folder = new TempFolder();
        MockAnthropicServer? mock = null;
        try
        {
            mock = await MockAnthropicServer.StartAsync(new MockAnthropicOptions { ExpectedApiKey = apiKey });
            var yaml = ExampleConfig.ForLocalRun(ExampleConfig.ThreeFiles, mock.BaseUri, folder.File("claude.json"), modelOptions).Concat(extraYaml ?? []).ToList();
            var gateway = await GatewayTestHost.StartAsync(yaml, new Dictionary<string, string> { ["DECK_ANTHROPIC_API_KEY"] = apiKey }, BundledPlugins);
            return new TutorialGateway(mock, gateway, folder, apiKey);
        }
        catch
        {
            if (mock is not null)
            {
                await mock.DisposeAsync();
            }

            folder.Dispose();
            throw;
        }
    }

    public ClaudeCodeProcess StartClaude(ClaudeCodeInstallation cli, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ClaudeCodeRun.Start(cli.Executable, WorkingFolder, environment, args);

    public Task<ClaudeCodeResult> RunClaudeAsync(ClaudeCodeInstallation cli, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ClaudeCodeRun.RunAsync(cli.Executable, WorkingFolder, environment, args);

    /// <summary>
    /// Stops the gateway (it drains its requests and file-log writes every queued line before it returns) and
    /// reads the log: after this, the file holds every line the run will ever produce.
    /// </summary>
    public async Task<(string Text, IReadOnlyList<JsonObject> Lines)> StopAndReadLogAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
            _gateway = null;
        }

        var text = File.Exists(LogPath) ? await File.ReadAllTextAsync(LogPath) : "";
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        return (text, lines);
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        await Mock.DisposeAsync();
        _folder.Dispose();
    }
}

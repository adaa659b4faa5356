using Gateway.MockAnthropic;

namespace Gateway.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The team setup of <c>examples/claude-code-team</c>: the mock Anthropic server (accepting only the provider
/// key), the real gateway in-process on the example's kong.yaml pointed at the mock, every gateway log line
/// recorded, and a HOME where Claude Code's <c>apiKeyHelper</c> (the example's script and settings) prints one
/// developer's personal key.
/// </summary>
internal sealed class TeamGateway : IAsyncDisposable
{
    private static readonly IReadOnlyDictionary<string, string> Plugins = new Dictionary<string, string>
    {
        ["ai-proxy"] = PluginCatalogFile.Standard["ai-proxy"],
        ["file-log"] = PluginCatalogFile.Standard["file-log"],
        ["key-auth"] = PluginCatalogFile.Standard["key-auth"],
        ["ai-rate-limiting-advanced"] = RepoPaths.BundledPlugin("AiRateLimitingAdvanced", "Gateway.Plugins.AiRateLimitingAdvanced"),
    };

    private readonly TempFolder _folder;
    private GatewayTestHost? _gateway;

    private TeamGateway(MockAnthropicServer mock, GatewayTestHost gateway, TempFolder folder, RecordingLoggerProvider logs, IReadOnlyDictionary<string, string> keys)
    {
        Mock = mock;
        _gateway = gateway;
        _folder = folder;
        GatewayLogs = logs;
        Keys = keys;
        Directory.CreateDirectory(WorkingFolder);
    }

    /// <summary>The provider key and the three personal keys, unique per test: finding one anywhere is a leak.</summary>
    public IReadOnlyDictionary<string, string> Keys { get; }

    public string ProviderKey => Keys["DECK_ANTHROPIC_API_KEY"];

    public MockAnthropicServer Mock { get; }

    public RecordingLoggerProvider GatewayLogs { get; }

    public Uri BaseUrl => new((_gateway ?? throw new InvalidOperationException("gateway already stopped")).BaseUri, "/anything");

    public string Home => _folder.File("home");

    public string WorkingFolder => _folder.File("work");

    public string LogPath => _folder.File("claude.json");

    /// <param name="extraYaml">More decK files applied after the example's, e.g. a budget.</param>
    public static async Task<TeamGateway> StartAsync(IReadOnlyList<string>? extraYaml = null)
    {
        var keys = new Dictionary<string, string>
        {
            ["DECK_ANTHROPIC_API_KEY"] = "sk-ant-team-" + Guid.NewGuid().ToString("N"),
            ["DECK_ALEX_GATEWAY_KEY"] = "gw-alex-" + Guid.NewGuid().ToString("N"),
            ["DECK_BO_GATEWAY_KEY"] = "gw-bo-" + Guid.NewGuid().ToString("N"),
            ["DECK_CHEN_GATEWAY_KEY"] = "gw-chen-" + Guid.NewGuid().ToString("N"),
        };
        var folder = new TempFolder();
        MockAnthropicServer? mock = null;
        try
        {
            mock = await MockAnthropicServer.StartAsync(new MockAnthropicOptions { ExpectedApiKey = keys["DECK_ANTHROPIC_API_KEY"] });
            var yaml = ExampleConfig.ForLocalRun(File.ReadAllText(Path.Combine(ExampleConfig.TeamFolder, "kong.yaml")), mock.BaseUri, folder.File("claude.json"));
            var logs = new RecordingLoggerProvider();
            var gateway = await GatewayTestHost.StartAsync([yaml, .. extraYaml ?? []], keys, Plugins, logs);
            return new TeamGateway(mock, gateway, folder, logs, keys);
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

    /// <summary>Sets Claude Code up as docs/claude-code.md says: the example's settings.json and gateway_key.sh in
    /// ~/.claude, the personal key in ~/.claude/gateway_key.</summary>
    public void InstallApiKeyHelper(string personalKey)
    {
        var claude = Directory.CreateDirectory(Path.Combine(Home, ".claude")).FullName;
        File.Copy(Path.Combine(ExampleConfig.TeamFolder, "settings.json"), Path.Combine(claude, "settings.json"), overwrite: true);
        var helper = Path.Combine(claude, "gateway_key.sh");
        File.Copy(Path.Combine(ExampleConfig.TeamFolder, "gateway_key.sh"), helper, overwrite: true);
        File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(claude, "gateway_key"), personalKey);
        File.SetUnixFileMode(Path.Combine(claude, "gateway_key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(Path.Combine(Home, ".claude.json"), """{"hasCompletedOnboarding": true}""");
    }

    public Task<ClaudeCodeResult> RunClaudeAsync(ClaudeCodeInstallation cli, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ClaudeCodeRun.RunAsync(cli.Executable, WorkingFolder, environment, args);

    /// <summary>Stops the gateway (file-log writes every queued line first) and returns the file-log text and every
    /// line the gateway itself logged, messages and exceptions.</summary>
    public async Task<(string FileLog, string GatewayLog)> StopAndReadLogsAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
            _gateway = null;
        }

        var fileLog = File.Exists(LogPath) ? await File.ReadAllTextAsync(LogPath) : "";
        var gatewayLog = string.Join('\n', GatewayLogs.Entries.Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception}"));
        return (fileLog, gatewayLog);
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

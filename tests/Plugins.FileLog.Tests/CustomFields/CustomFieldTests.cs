using System.Text.Json;
using Gateway.Plugins.FileLog.Tests.Support;
using Gateway.Plugins.Testing;

namespace Gateway.Plugins.FileLog.Tests.CustomFields;

/// <summary>custom_fields as the real gateway resolves them on a request: the value lands in the log entry.</summary>
public sealed class CustomFieldTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    /// <summary>Marks <c>x-provider-key</c> secret in access, as a plugin that injects a credential does.</summary>
    private sealed class RedactorPlugin : IGatewayPlugin, IAccessPhase
    {
        public string Name => "redactor";
        public int Priority => 1000;
        public string Version => "1.0.0";
        public Type ConfigType => typeof(EntryNumberConfig);

        public ValueTask AccessAsync(PluginContext context)
        {
            context.RedactRequestHeader("x-provider-key");
            return ValueTask.CompletedTask;
        }
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>Sends Claude Code's kind of request through a route with file-log's <c>custom_fields: {k: value}</c>
    /// and returns what the log entry holds under <c>k</c>.</summary>
    private async Task<JsonElement> ResolveAsync(string valueJson, bool redactor = false, string? providerKey = null)
    {
        var yaml = $$$"""
            _format_version: "3.0"
            services:
              - name: s
                url: ${{ env "DECK_UPSTREAM_URL" }}
                routes:
                  - name: r
                    paths: [/anthropic]
                    plugins:
                      - name: file-log
                        config: {"path": {{{JsonSerializer.Serialize(_directory.File("a.log"))}}}, "custom_fields": {"k": {{{valueJson}}}}}
            {{{(redactor ? "plugins:\n  - name: redactor\n" : "")}}}
            """;
        await using var gateway = await PluginTestGateway.StartAsync(yaml, o =>
        {
            o.AddPlugin<FileLogPlugin>();
            if (redactor)
            {
                o.AddPlugin<RedactorPlugin>();
            }
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/anthropic/v1/messages?beta=true&tag=a&tag=b");
        request.Headers.TryAddWithoutValidation("User-Agent", "claude-cli/2.0.37 (external, cli)");
        request.Headers.TryAddWithoutValidation("x-team", "red");
        if (providerKey is not null)
        {
            request.Headers.TryAddWithoutValidation("x-provider-key", providerKey);
        }

        using var response = await gateway.Client.SendAsync(request);
        return (await gateway.NextLogEntryAsync()).GetProperty("k").Clone();
    }

    [Theory]
    [InlineData("\"$(headers.user-agent)\"", "claude-cli/2.0.37 (external, cli)")]
    [InlineData("\"$(headers.User-Agent)\"", "claude-cli/2.0.37 (external, cli)")]
    [InlineData("\"$(headers.x-team)\"", "red")]
    [InlineData("\"$(headers.missing)\"", "")]
    [InlineData("\"$(query.beta)\"", "true")]
    [InlineData("\"$(query.tag)\"", "a,b")]
    [InlineData("\"$(query.missing)\"", "")]
    [InlineData("\"$(method)\"", "POST")]
    [InlineData("\"$(path)\"", "/anthropic/v1/messages")]
    [InlineData("\"$(client_ip)\"", "127.0.0.1")]
    [InlineData("\"$(method) $(path)?beta=$(query.beta) from $(client_ip)\"", "POST /anthropic/v1/messages?beta=true from 127.0.0.1")]
    [InlineData("\"[$(headers.missing)]\"", "[]")]
    public async Task Resolve_Template_RendersRequestData(string template, string expected) =>
        Assert.Equal(expected, (await ResolveAsync(template)).GetString());

    [Theory]
    [InlineData("\"prod\"", "\"prod\"")]
    [InlineData("\"costs $$(x) and $5\"", "\"costs $(x) and $5\"")]
    [InlineData("42", "42")]
    [InlineData("true", "true")]
    [InlineData("{\"a\":[1,2]}", "{\"a\":[1,2]}")]
    public async Task Resolve_StaticValue_SameJsonEveryRequest(string value, string expectedJson) =>
        Assert.Equal(expectedJson, (await ResolveAsync(value)).GetRawText());

    [Fact]
    public async Task Resolve_TemplateWithEscapedDollar_KeepsLiteral() =>
        Assert.Equal("$(method)=POST", (await ResolveAsync("\"$$(method)=$(method)\"")).GetString());

    [Fact]
    public async Task Resolve_HeaderAnotherPluginMarkedSecret_RendersRedacted() =>
        Assert.Equal("key=REDACTED", (await ResolveAsync("\"key=$(headers.x-provider-key)\"", redactor: true, providerKey: "sk-ant-secret")).GetString());
}

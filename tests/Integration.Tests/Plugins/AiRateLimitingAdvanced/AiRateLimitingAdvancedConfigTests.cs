using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Plugins.AiRateLimitingAdvanced;

/// <summary>A Kong decK file for the plugin goes through the real gateway's <c>check</c>: Kong's fields bind as they
/// are, and what this gateway cannot do is one <c>error:</c> line naming the field, exit code 1.</summary>
public sealed class AiRateLimitingAdvancedConfigTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<(int Code, string Stdout, string Stderr)> CheckAsync(string config)
    {
        var catalog = PluginCatalogFile.Write(_folder.Path, new Dictionary<string, string>
        {
            ["ai-rate-limiting-advanced"] = RepoPaths.BundledPlugin("AiRateLimitingAdvanced", "Gateway.Plugins.AiRateLimitingAdvanced"),
        });
        return await HostProcess.RunAsync(["check", "--plugins", catalog, "--config", _folder.Write("kong.yaml", $"""
            _format_version: "3.0"
            plugins:
              - name: ai-rate-limiting-advanced
                config:
            {config}
            """)]);
    }

    [Fact]
    public async Task Check_KongDeckFileWithEveryField_IsValid()
    {
        // Every 3.13 field a decK dump writes, with Kong's defaults and nulls.
        var (code, stdout, stderr) = await CheckAsync("""
                  llm_providers:
                    - name: anthropic
                      limit: [100000, 2000000]
                      window_size: [60, 86400]
                  identifier: consumer
                  header_name: null
                  path: null
                  tokens_count_strategy: total_tokens
                  strategy: redis
                  sync_rate: 0
                  window_type: sliding
                  dictionary_name: kong_rate_limiting_counters
                  namespace: team
                  error_code: 429
                  error_message: "AI token rate limit exceeded for provider(s): "
                  error_hide_providers: false
                  hide_client_headers: false
                  retry_after_jitter_max: 0
                  request_prompt_count_function: null
                  custom_cost_count_function: null
                  decrease_by_fractions_in_redis: false
                  disable_penalty: false
                  llm_format: anthropic
                  redis:
                    host: 127.0.0.1
                    port: 6379
                    database: 0
                    username: null
                    password: null
                    ssl: false
                    ssl_verify: false
                    server_name: null
                    connect_timeout: 2000
                    send_timeout: 2000
                    read_timeout: 2000
                    keepalive_pool_size: 256
                    keepalive_backlog: null
                    connection_is_proxied: false
                    sentinel_master: null
                    sentinel_role: null
                    sentinel_nodes: null
                    sentinel_username: null
                    sentinel_password: null
                    cluster_nodes: null
                    cluster_max_redirections: 5
                    cloud_authentication: null
            """);

        Assert.True(code == 0, stderr);
        Assert.Contains("configuration is valid", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ClusterStrategy_IsOneErrorLineNamingTheField()
    {
        var (code, _, stderr) = await CheckAsync("""
                  llm_providers: [{name: anthropic, limit: [10], window_size: [60]}]
                  strategy: cluster
            """);

        Assert.Equal(1, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error:", line, StringComparison.Ordinal);
        Assert.Contains("strategy", line, StringComparison.Ordinal);
        Assert.Contains("'cluster' is not supported", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_LuaCostFunction_IsRejectedByName()
    {
        var (code, _, stderr) = await CheckAsync("""
                  llm_providers: [{name: anthropic, limit: [10], window_size: [60]}]
                  custom_cost_count_function: "return 1"
            """);

        Assert.Equal(1, code);
        Assert.Contains("custom_cost_count_function", stderr, StringComparison.Ordinal);
        Assert.Contains("Lua functions are not supported", stderr, StringComparison.Ordinal);
    }
}

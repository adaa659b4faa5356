namespace Gateway.Integration.Tests.Plugins.AiProxy;

/// <summary>
/// The Kong tutorial's config for Claude Code (service <c>example-service</c>, route <c>/anything</c>, a global
/// ai-proxy and a global file-log), with the variations a test needs. The service URL is never contacted:
/// ai-proxy replaces the target with <see cref="UpstreamUrl"/>.
/// </summary>
internal sealed record AiProxySetup
{
    public const string ConfiguredKey = "sk-ant-configured-test-key";
    public const string Model = "claude-sonnet-4-5-20250929";
    public const string AnthropicVersion = "2023-06-01";

    /// <summary><c>model.options.upstream_url</c>; null means the mock (or the relay) with <see cref="UpstreamPath"/>.</summary>
    public string? UpstreamUrl { get; init; }

    /// <summary>The path of the mock's <c>upstream_url</c>.</summary>
    public string UpstreamPath { get; init; } = "/v1/messages";

    /// <summary>Put a <see cref="RecordingRelay"/> between the gateway and the mock, to see the mock's raw bytes.</summary>
    public bool Relay { get; init; }

    public string LlmFormat { get; init; } = "anthropic";

    public string Provider { get; init; } = "anthropic";

    /// <summary><c>auth.header_name</c>: <c>Authorization</c> for OpenAI, <c>api-key</c> for Azure.</summary>
    public string AuthHeaderName { get; init; } = "x-api-key";

    /// <summary><c>auth.header_value</c>, e.g. <c>Bearer …</c> for OpenAI.</summary>
    public string AuthHeaderValue { get; init; } = ConfiguredKey;

    /// <summary><c>model.name</c>; null leaves the model to the client's request, as Kong allows.</summary>
    public string? ModelName { get; init; } = Model;

    public bool LogPayloads { get; init; }

    public bool LogStatistics { get; init; } = true;

    /// <summary>Extra lines under <c>config:</c> of ai-proxy, e.g. <c>max_request_body_size: 1024</c>.</summary>
    public IReadOnlyList<string> Config { get; init; } = [];

    /// <summary>Extra lines under <c>model.options:</c>, e.g. <c>input_cost: 3</c>.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>Extra lines under <c>auth:</c>, e.g. <c>allow_override: true</c>.</summary>
    public IReadOnlyList<string> Auth { get; init; } = [];

    /// <summary>Extra lines under the service, e.g. <c>read_timeout: 500</c>.</summary>
    public IReadOnlyList<string> Service { get; init; } = [];

    /// <summary>More <c>plugins:</c> entries after ai-proxy and file-log, each line as it goes under <c>plugins:</c>.</summary>
    public IReadOnlyList<string> Plugins { get; init; } = [];

    /// <summary>Top-level YAML after <c>plugins:</c>, each line as written, e.g. a <c>consumers:</c> section.</summary>
    public IReadOnlyList<string> TopLevel { get; init; } = [];

    /// <summary>Extra gateway command-line options, e.g. <c>--client-body-timeout 1</c>.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public string ToYaml(string upstreamUrl, string logPath) => $"""
        _format_version: "3.0"
        services:
          - name: example-service
            url: http://httpbin.konghq.com/anything
        {Lines(4, Service)}
        routes:
          - name: example-route
            paths:
              - "/anything"
            service:
              name: example-service
        plugins:
          - name: ai-proxy
            config:
              route_type: llm/v1/chat
              llm_format: {LlmFormat}
              auth:
                header_name: {AuthHeaderName}
                header_value: "{AuthHeaderValue}"
        {Lines(8, Auth)}
              model:
                provider: {Provider}
                {(ModelName is null ? string.Empty : "name: " + ModelName)}
                options:
                  anthropic_version: "{AnthropicVersion}"
                  upstream_url: {upstreamUrl}
        {Lines(10, Options)}
              logging:
                log_statistics: {(LogStatistics ? "true" : "false")}
                log_payloads: {(LogPayloads ? "true" : "false")}
        {Lines(6, Config)}
          - name: file-log
            config:
              path: {logPath}
        {Lines(2, Plugins)}
        {Lines(0, TopLevel)}
        """;

    private static string Lines(int indent, IReadOnlyList<string> lines) =>
        string.Join('\n', lines.Select(line => new string(' ', indent) + line));
}

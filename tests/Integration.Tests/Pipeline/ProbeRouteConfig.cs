namespace Gateway.Integration.Tests.Pipeline;

/// <summary>The pipeline tests' setup: one service on the test upstream, one route <c>/r</c>, and the plugins
/// under test (YAML list items).</summary>
internal static class ProbeRouteConfig
{
    public static string Yaml(int upstreamPort, string plugins) => $$"""
        _format_version: "3.0"
        services:
          - name: echo
            url: http://127.0.0.1:{{upstreamPort}}
            routes:
              - name: r
                paths: ["/r"]
        plugins:
        {{plugins}}
        """;
}

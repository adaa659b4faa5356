namespace Gateway.Integration.Tests.Infrastructure;

/// <summary>The common test setup: one service on the test upstream, one route <c>/r</c>, and the plugins under
/// test (YAML list items, indented two spaces).</summary>
internal static class EchoRouteConfig
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

namespace Gateway.Integration.Tests.Plugins.KeyAuth;

/// <summary>A route <c>/r</c> to the test upstream guarded by key-auth, file-log on, and two consumers with keys.</summary>
internal static class TeamConfig
{
    public const string AlexKey = "alex-personal-key-7f3a9c";
    public const string BoKey = "bo-personal-key-1d2e3f";
    public const string AlexId = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    /// <param name="keyAuthConfig">The key-auth <c>config</c> as a YAML flow mapping.</param>
    public static string Yaml(int upstreamPort, string logPath, string keyAuthConfig = "{}") => $$"""
        _format_version: "3.0"
        services:
          - name: echo
            url: http://127.0.0.1:{{upstreamPort}}
            routes:
              - name: r
                paths: ["/r"]
        plugins:
          - name: key-auth
            config: {{keyAuthConfig}}
          - name: file-log
            config: {path: {{logPath}}}
        consumers:
          - username: alex
            id: {{AlexId}}
            custom_id: emp-001
            tags: [team-a]
            keyauth_credentials:
              - key: {{AlexKey}}
                id: 0c0ffee0-0000-4000-8000-000000000001
          - username: bo
            keyauth_credentials:
              - key: {{BoKey}}
          - username: guest
        """;
}

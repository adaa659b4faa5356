using Gateway.Host.Configuration.Declarative;

namespace Gateway.Host.Tests.Configuration.Declarative;

public sealed class DeclarativeConfigLoaderSemanticsTests
{
    private const string Header = "_format_version: \"3.0\"\n";

    [Fact]
    public void Load_ServiceDefaults_AreKongs()
    {
        var service = ConfigTestData.Load(Header + "services:\n- name: s\n  host: example.com\n").Config!.Services[0];

        Assert.Equal(("http", 80, (string?)null, 5, 60000, 60000, 60000, true),
            (service.Protocol, service.Port, service.Path, service.Retries, service.ConnectTimeout, service.ReadTimeout,
             service.WriteTimeout, service.Enabled));
    }

    [Theory]
    [InlineData("https://api.anthropic.com", "https", "api.anthropic.com", 443, null)]
    [InlineData("http://localhost:32000/v1/", "http", "localhost", 32000, "/v1/")]
    [InlineData("api.example.com:443/x", "https", "api.example.com", 443, "/x")]
    [InlineData("api.example.com:8080", "http", "api.example.com", 8080, null)]
    [InlineData("http://[::1]:9000", "http", "::1", 9000, null)]
    public void Load_ServiceUrl_IsSplitLikeKong(string url, string protocol, string host, int port, string? path)
    {
        var service = ConfigTestData.Load(Header + $"services:\n- name: s\n  url: \"{url}\"\n").Config!.Services[0];
        Assert.Equal((protocol, host, port, path), (service.Protocol, service.Host, service.Port, service.Path));
    }

    [Fact]
    public void Load_RouteDefaults_AreKongs()
    {
        var route = ConfigTestData.Load(Header + "routes:\n- name: r\n  methods: [POST]\n  headers: {X-Env: [prod]}\n").Config!.Routes[0];

        Assert.Equal(["POST"], route.Methods);
        Assert.Equal(["http", "https"], route.Protocols);
        Assert.Equal(["prod"], route.Headers["x-env"]);
        Assert.Equal((true, false, 0, "v0", 426, (string?)null),
            (route.StripPath, route.PreserveHost, route.RegexPriority, route.PathHandling, route.HttpsRedirectStatusCode, route.ServiceId));
    }

    [Fact]
    public void Load_NestedEntities_GetTheirScopeFromTheParentOnly()
    {
        var config = ConfigTestData.Load(Header + """
            services:
            - name: claude
              url: http://localhost:32000
              plugins:
              - name: rate-limiting
              routes:
              - name: claude-route
                paths: ["/anthropic"]
                plugins:
                - name: ai-proxy
                  config: {route_type: llm/v1/chat}
            plugins:
            - name: file-log
            - name: ai-proxy
              service: claude
              route: {name: claude-route}
            """).Config!;

        var service = config.Services[0];
        var route = config.Routes[0];
        Assert.Equal(service.Id, route.ServiceId);
        var byScope = config.Plugins.Select(p => (p.Name, p.ServiceId, p.RouteId)).ToList();
        Assert.Equal(
            [("rate-limiting", service.Id, null), ("ai-proxy", null, route.Id), ("file-log", null, null), ("ai-proxy", service.Id, route.Id)],
            byScope);
        Assert.Equal("file1.yaml: services[0] (claude).routes[0] (claude-route).plugins[0] (ai-proxy)", config.Plugins[1].Source);
        Assert.Equal(DeterministicId.For($"plugin:ai-proxy:route:{route.Id}"), config.Plugins[1].Id);
    }

    [Fact]
    public void Load_SecondFileWithSameNames_UpdatesInPlaceAndKeepsIds()
    {
        var first = Header + """
            services:
            - name: s
              host: one.example
              read_timeout: 1000
              routes:
              - name: r1
                paths: [/one]
            plugins:
            - name: file-log
              config: {path: /tmp/a.json}
            """;
        var second = Header + """
            services:
            - name: s
              host: two.example
              routes:
              - name: r2
                paths: [/two]
            routes:
            - name: r1
              paths: [/uno]
              service: s
            plugins:
            - name: file-log
              config: {path: /tmp/b.json}
            """;

        var once = ConfigTestData.Load(first).Config!;
        var twice = ConfigTestData.Load(first, second).Config!;

        var service = Assert.Single(twice.Services);
        Assert.Equal(once.Services[0].Id, service.Id);
        Assert.Equal(("two.example", 60000), (service.Host, service.ReadTimeout));
        Assert.Equal(["r1", "r2"], twice.Routes.Select(r => r.Name));
        Assert.Equal(once.Routes[0].Id, twice.Routes[0].Id);
        Assert.Equal(["/uno"], twice.Routes[0].Paths);
        var plugin = Assert.Single(twice.Plugins);
        Assert.Equal(once.Plugins[0].Id, plugin.Id);
        Assert.Equal("/tmp/b.json", (string?)plugin.Config["path"]);
    }

    [Fact]
    public void Load_LaterFileReferencesEarlierService_Resolves()
    {
        var config = ConfigTestData.Load(
            Header + "services:\n- name: s\n  host: h\n",
            Header + "routes:\n- name: r\n  paths: [/]\n  service: s\n").Config!;

        Assert.Equal(config.Services[0].Id, config.Routes[0].ServiceId);
    }

    [Fact]
    public void Load_Json_IsParsedAsJsonWithLastKeyWinning()
    {
        var result = ConfigTestData.Load("""
            {"_format_version": "3.0",
             "services": [{"name": "s", "host": "h", "port": 1, "port": 8080, "enabled": false}],
             "plugins": [{"name": "p", "config": {"n": 1.5, "key": "${{ env "DECK_ANTHROPIC_API_KEY" }}"}}]}
            """);

        Assert.Empty(result.Errors);
        Assert.Equal((8080, false), (result.Config!.Services[0].Port, result.Config.Services[0].Enabled));
        Assert.Equal(ConfigTestData.ApiKey, (string?)result.Config.Plugins[0].Config["key"]);
    }

    [Fact]
    public void Load_JsonSyntaxError_ReportsLineAndColumn()
    {
        var error = Assert.Single(ConfigTestData.Load("{\"_format_version\": \"3.0\",\n \"services\": [,]}").Errors);
        Assert.StartsWith("file1.yaml:2:", error, StringComparison.Ordinal);
        Assert.Contains("JSON syntax error", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GivenIds_AreKeptInCanonicalForm()
    {
        var config = ConfigTestData.Load(Header + "services:\n- id: 0A1B2C3D-0000-4000-8000-000000000001\n  host: h\n").Config!;
        Assert.Equal("0a1b2c3d-0000-4000-8000-000000000001", config.Services[0].Id);
    }

    [Theory]
    [InlineData("3.0", "~/v1/(\\d+)", "~/v1/(\\d+)")]
    [InlineData("1.1", "/v1/(\\d+)", "~/v1/(\\d+)")]
    [InlineData("2.1", "/v1/plain-path_~%20", "/v1/plain-path_~%20")]
    public void Load_OldFormatRegexLookingPaths_AreMigratedLikeKong3(string version, string path, string expected)
    {
        var result = ConfigTestData.Load($"_format_version: \"{version}\"\nroutes:\n- name: r\n  paths: ['{path}']\n");
        Assert.Equal([expected], result.Config!.Routes[0].Paths);
    }

    [Theory]
    [InlineData("v: yes", true)]
    [InlineData("v: 'true'", "true")]
    [InlineData("v: 0x1F", 31L)]
    [InlineData("v: 1_000", 1000L)]
    [InlineData("v: 2.5", 2.5)]
    [InlineData("v: \"2023-06-01\"", "2023-06-01")]
    [InlineData("v: 2023-06-01", "2023-06-01")]
    [InlineData("v: !!str 42", "42")]
    [InlineData("v: y", "y")]
    public void Load_YamlScalars_AreTypedLikeYaml11(string line, object expected)
    {
        var config = ConfigTestData.Load(Header + "plugins:\n- name: p\n  config:\n    " + line + "\n").Config!;
        var value = config.Plugins[0].Config["v"]!.AsValue();
        switch (expected)
        {
            case bool b: Assert.Equal(b, value.GetValue<bool>()); break;
            case string s: Assert.Equal(s, value.GetValue<string>()); break;
            case long l: Assert.Equal(l, value.GetValue<long>()); break;
            case double d: Assert.Equal(d, value.GetValue<double>()); break;
        }
    }

    [Fact]
    public void Load_YamlNullAndAnchors_Work()
    {
        var config = ConfigTestData.Load(Header + """
            plugins:
            - name: a
              config: &shared {x: 1, y: ~}
            - name: b
              config:
                <<: *shared
                x: 2
            """).Config!;

        Assert.Null(config.Plugins[0].Config["y"]);
        Assert.Equal(2L, config.Plugins[1].Config["x"]!.GetValue<long>());
        Assert.True(config.Plugins[1].Config.ContainsKey("y"));
    }
}

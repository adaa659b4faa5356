using Gateway.Host.Configuration.Declarative;

namespace Gateway.Host.Tests.Configuration.Declarative;

public sealed class DeclarativeConfigLoaderErrorTests
{
    private const string Header = "_format_version: \"3.0\"\n";

    [Theory]
    [InlineData(Header + "services:\n- name: s\n  host: h\n  colour: red\n", "file1.yaml: services[0] (s): unknown field 'colour'")]
    [InlineData(Header + "services:\n- name: s\n  host: h\n  port: \"80\"\n", "file1.yaml: services[0] (s): field 'port' must be an integer, got a string")]
    [InlineData(Header + "services:\n- name: s\n  host: h\n  port: 70000\n", "field 'port' must be between 0 and 65535")]
    [InlineData(Header + "services:\n- name: s\n  host: h\n  retries: 40000\n", "field 'retries' must be between 0 and 32767")]
    [InlineData(Header + "services:\n- name: s\n  host: h\n  read_timeout: 0\n", "field 'read_timeout' must be between 1 and 2147483646")]
    [InlineData(Header + "services:\n- name: s\n  host: h\n  path: api\n", "field 'path' must start with /")]
    [InlineData(Header + "services:\n- name: s\n  port: 80\n", "field 'host' is required")]
    [InlineData(Header + "services:\n- name: s\n  url: grpc://h:50051\n", "protocol 'grpc' is not supported here")]
    [InlineData(Header + "services:\n- name: s\n  host: h\n  tls_verify: true\n", "'tls_verify' can only be set when the protocol is https")]
    [InlineData(Header + "services:\n- name: s\n  id: not-a-uuid\n  host: h\n", "field 'id' must be a UUID")]
    [InlineData(Header + "routes:\n- name: r\n  paths: [\"~/a(\"]\n", "file1.yaml: routes[0] (r): field 'paths': a regex path (~) does not compile")]
    [InlineData(Header + "routes:\n- name: r\n  paths: [api]\n", "each path must start with /")]
    [InlineData(Header + "routes:\n- name: r\n  strip_path: true\n", "must set at least one of 'methods', 'hosts', 'headers' or 'paths'")]
    [InlineData(Header + "routes:\n- name: r\n  headers: {Host: [a.com]}\n", "field 'headers' cannot contain 'host'")]
    [InlineData(Header + "routes:\n- name: r\n  paths: [/]\n  https_redirect_status_code: 303\n", "field 'https_redirect_status_code' must be one of")]
    [InlineData(Header + "routes:\n- name: r\n  paths: [/]\n  protocols: [grpc]\n", "'grpc' routes are not supported here")]
    [InlineData(Header + "routes:\n- name: r\n  paths: [/]\n  service: missing\n", "file1.yaml: routes[0] (r): service 'missing' not found")]
    [InlineData(Header + "plugins:\n- name: p\n  route: {name: nope}\n", "route 'nope' not found")]
    [InlineData(Header + "plugins:\n- name: p\n  consumer: bob\n", "file1.yaml: plugins[0] (p): consumer 'bob' not found")]
    [InlineData(Header + "plugins:\n- name: p\n  ordering: {before: {access: [x]}}\n", "'ordering' (dynamic plugin ordering) is not supported")]
    [InlineData(Header + "plugins:\n- name: p\n  config: [1]\n", "field 'config' must be an object, got an array")]
    [InlineData(Header + "plugins:\n- config: {}\n", "plugins[0]: field 'name' is required")]
    [InlineData(Header + "consumers:\n- tags: [a]\n", "file1.yaml: consumers[0]: at least one of 'username' and 'custom_id' must be set")]
    [InlineData(Header + "routes:\n- name: r\n  methods: [get]\n", "routes[0] (r): field 'methods': invalid method 'get'")]
    [InlineData(Header + "servics: []\n", "file1.yaml: unknown top-level key 'servics'")]
    [InlineData("services: []\n", "file1.yaml: '_format_version' is required")]
    [InlineData("_format_version: \"4.0\"\n", "'_format_version' must be one of 1.1, 2.1, 3.0")]
    [InlineData(Header + "services:\n- name: s\n  host: h\n- name: s\n  host: h2\n", "services[1] (s): duplicate service 's' in file1.yaml")]
    [InlineData(Header + "plugins:\n- name: p\n- name: p\n", "plugins[1] (p): duplicate plugin 'p:global' (same name and scope)")]
    [InlineData("", "file1.yaml: the file is empty")]
    [InlineData("- a\n- b\n", "file1.yaml: the top level must be a mapping, got an array")]
    public void Load_InvalidConfig_ReportsError(string yaml, string expected)
    {
        var result = ConfigTestData.Load(yaml);

        Assert.Null(result.Config);
        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_YamlSyntaxError_ReportsFileLineAndColumn()
    {
        var result = ConfigTestData.Load(Header + "services:\n  - name: s\n    host: [unclosed\n");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("file1.yaml:5:1: YAML syntax error: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralMistakes_ReportsAllTogether()
    {
        var result = ConfigTestData.Load(
            Header + "services:\n- name: s\n  host: h\n  port: x\n  colour: red\nroutes:\n- name: r\n  paths: [\"~(\"]\n  service: nope\n",
            "_format_version: \"9\"\nplugins:\n- name: p\n  consumer: c\n");

        Assert.Equal(6, result.Errors.Count);
    }

    [Fact]
    public void Load_MissingDeckVariable_NamesVariableFileAndLine()
    {
        var result = ConfigTestData.Load(Header + "plugins:\n- name: p\n  config:\n    key: ${{ env \"DECK_MISSING\" }}\n");

        Assert.Contains("file1.yaml:5: environment variable 'DECK_MISSING' is not set", result.Errors);
    }

    [Fact]
    public void Load_NonDeckVariable_IsRefusedWithoutReadingIt()
    {
        var asked = new List<string>();
        var result = DeclarativeConfigLoader.Load(
            [new ConfigSource("a.yaml", Header + "plugins:\n- name: p\n  config: {key: '${{ env \"HOME\" }}'}\n")],
            name => { asked.Add(name); return "/root"; });

        Assert.Contains(result.Errors, e => e.StartsWith("a.yaml:4: environment variable 'HOME' cannot be used", StringComparison.Ordinal)
                                            && e.Contains("DECK_", StringComparison.Ordinal));
        Assert.Empty(asked);
    }

    [Fact]
    public void Load_ErrorsAroundSubstitutedSecret_NeverEchoTheValue()
    {
        // The secret lands in a field of the wrong type and breaks the YAML in a second file.
        var result = ConfigTestData.Load(
            Header + "services:\n- name: s\n  host: h\n  port: ${{ env \"DECK_ANTHROPIC_API_KEY\" }}\n",
            Header + "plugins: [${{ env \"DECK_ANTHROPIC_API_KEY\" }}: [\n");

        Assert.NotEmpty(result.Errors);
        Assert.DoesNotContain(result.Errors, e => e.Contains(ConfigTestData.ApiKey, StringComparison.Ordinal));
    }
}

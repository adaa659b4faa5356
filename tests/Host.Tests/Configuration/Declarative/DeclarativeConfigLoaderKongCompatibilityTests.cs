using Gateway.Host.Configuration.Declarative;

namespace Gateway.Host.Tests.Configuration.Declarative;

/// <summary>Shapes found in public decK files that Kong accepts, and the messages for what this gateway lacks.</summary>
public sealed class DeclarativeConfigLoaderKongCompatibilityTests
{
    private const string Header = "_format_version: \"3.0\"\n";

    [Fact]
    public void Load_ServiceWithUrlAndAgreeingFields_IsAcceptedWithoutWarning()
    {
        var result = ConfigTestData.Load(Header + "services:\n- name: s\n  url: https://api.example.com:8443/v1\n  protocol: https\n  host: api.example.com\n  port: 8443\n  path: /v1\n");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Load_ServiceWithUrlAndDisagreeingFields_UsesTheUrlAndWarnsOnce()
    {
        var result = ConfigTestData.Load(Header + "services:\n- name: s\n  url: https://api.example.com/v1\n  host: old.example.com\n  port: 80\n  protocol: https\n");

        Assert.Empty(result.Errors);
        var service = Assert.Single(result.Config!.Services);
        Assert.Equal(("https", "api.example.com", 443, "/v1"), (service.Protocol, service.Host, service.Port, service.Path));
        Assert.Equal("file1.yaml: services[0] (s): 'host', 'port' differ from 'url'; the url's value is used, as in Kong",
            Assert.Single(result.Warnings));
    }

    [Fact]
    public void Load_NestedPluginsNamingTheOtherScope_AreScopedToBoth()
    {
        // Kong/deck's nested-foreign-keys shape: the parent sets its own kind, the plugin names the other.
        var result = ConfigTestData.Load(Header + """
            services:
            - name: svc
              host: example.com
              routes:
              - name: r1
                paths: [/a]
                plugins:
                - name: key-auth
                  service: svc
              plugins:
              - name: rate-limiting
                route: r1
              - name: cors
                service: svc
            """);

        Assert.Empty(result.Errors);
        var config = result.Config!;
        var (serviceId, routeId) = (config.Services[0].Id, config.Routes[0].Id);
        Assert.Equal(
            [("rate-limiting", serviceId, routeId), ("cors", serviceId, null), ("key-auth", serviceId, routeId)],
            config.Plugins.Select(p => (p.Name, p.ServiceId, p.RouteId)));
    }

    [Fact]
    public void Load_HostWithALabelLongerThan63Characters_IsAccepted()
    {
        var label = new string('a', 70);

        var result = ConfigTestData.Load(Header + $"services:\n- name: s\n  host: {label}.example.com\n  routes:\n  - name: r\n    hosts: [\"{label}.example.com\", \"*.{label}.com\"]\n");

        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("routes:\n- name: r\n  hosts: [\"bad host.com\"]\n", "field 'hosts': invalid host name")]
    [InlineData("services:\n- name: s\n  host: \"bad/host\"\n", "field 'host' must be a hostname or an IP address")]
    public void Load_HostWithInvalidCharacters_IsStillRefused(string yaml, string expected)
    {
        var result = ConfigTestData.Load(Header + yaml);

        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("jwt_secrets:\n- key: k\n", "file1.yaml: 'jwt_secrets' entities are not supported yet")]
    [InlineData("acls:\n- group: g\n", "file1.yaml: 'acls' entities are not supported yet")]
    [InlineData("basicauth_credentials:\n- username: u\n", "file1.yaml: 'basicauth_credentials' entities are not supported yet")]
    [InlineData("consumer_groups:\n- name: g\n", "file1.yaml: 'consumer_groups' entities are not supported yet")]
    [InlineData("partials:\n- name: p\n", "file1.yaml: 'partials' entities are not supported yet")]
    [InlineData("routes:\n- name: r\n  expression: http.path == \"/a\"\n", "file1.yaml: routes[0] (r): field 'expression' is not supported yet (the expressions router)")]
    [InlineData("routes:\n- name: r\n  paths: [/a]\n  priority: 10\n", "file1.yaml: routes[0] (r): field 'priority' is not supported yet (the expressions router)")]
    [InlineData("plugins:\n- name: p\n  consumer_group: gold\n", "file1.yaml: plugins[0] (p): field 'consumer_group' is not supported: consumer groups are not supported yet")]
    [InlineData("plugins:\n- name: p\n  partials: [{name: x}]\n", "file1.yaml: plugins[0] (p): field 'partials' is not supported: partials are not supported yet")]
    public void Load_RealKongEntityOrField_IsOneNotSupportedYetError(string yaml, string expected)
    {
        var result = ConfigTestData.Load(Header + yaml);

        Assert.Equal(expected, Assert.Single(result.Errors));
    }

    [Fact]
    public void Load_ConsumerGroupScopedPluginBesideTheGlobalOne_IsReportedOnceWithoutAFollowOnDuplicate()
    {
        var result = ConfigTestData.Load(Header + "plugins:\n- name: rate-limiting\n- name: rate-limiting\n  consumer_group: gold\n");

        Assert.Equal("file1.yaml: plugins[1] (rate-limiting): field 'consumer_group' is not supported: consumer groups are not supported yet",
            Assert.Single(result.Errors));
    }
}

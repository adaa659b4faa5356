namespace Gateway.Host.Tests.Configuration.Declarative;

/// <summary>decK <c>consumers</c> with <c>keyauth_credentials</c> and consumer-scoped plugins (issue 13).</summary>
public sealed class DeclarativeConfigLoaderConsumerTests
{
    private const string Header = "_format_version: \"3.0\"\n";
    private const string SecretKey = "team-key-do-not-print-0123";

    [Fact]
    public void Load_NestedConsumersWithCredentialsAndPlugins_AreRead()
    {
        var config = ConfigTestData.Load(Header + $"""
            services:
            - name: claude
              url: http://localhost:9
              routes:
              - name: chat
                paths: [/chat]
            consumers:
            - username: alex
              custom_id: cust-42
              tags: [team-a]
              keyauth_credentials:
              - key: {SecretKey}
                tags: [laptop]
              plugins:
              - name: rate-limiting
                route: chat
            - custom_id: only-custom
            """).Config!;

        Assert.Equal(2, config.Consumers.Count);
        var alex = config.Consumers[0];
        Assert.Equal(("alex", "cust-42", "team-a"), (alex.Username, alex.CustomId, string.Join(',', alex.Tags)));
        Assert.Equal(("only-custom", (string?)null), (config.Consumers[1].CustomId, config.Consumers[1].Username));
        var credential = Assert.Single(config.KeyAuthCredentials);
        Assert.Equal((alex.Id, SecretKey, "laptop"), (credential.ConsumerId, credential.Key, string.Join(',', credential.Tags)));
        var plugin = Assert.Single(config.Plugins);
        Assert.Equal((alex.Id, config.Routes[0].Id, (string?)null), (plugin.ConsumerId, plugin.RouteId, plugin.ServiceId));
    }

    [Fact]
    public void Load_ConsumerWithoutId_GetsTheSameIdOnEveryLoad()
    {
        const string yaml = Header + "consumers:\n- username: alex\n  keyauth_credentials:\n  - key: k1\n";

        var first = ConfigTestData.Load(yaml).Config!;
        var second = ConfigTestData.Load(yaml).Config!;

        Assert.Equal(first.Consumers[0].Id, second.Consumers[0].Id);
        Assert.Equal(first.KeyAuthCredentials[0].Id, second.KeyAuthCredentials[0].Id);
        Assert.True(Guid.TryParse(first.Consumers[0].Id, out _));
    }

    [Fact]
    public void Load_TopLevelPluginAndCredentialNamingAConsumer_AreScopedToIt()
    {
        var config = ConfigTestData.Load(Header + """
            consumers:
            - username: alex
              id: 0b9a8c5e-1d7f-4a61-9f0e-52f1a8b7c6d1
            keyauth_credentials:
            - key: k1
              consumer: alex
            - key: k2
              consumer: {id: 0b9a8c5e-1d7f-4a61-9f0e-52f1a8b7c6d1}
            plugins:
            - name: rate-limiting
              consumer: alex
            - name: rate-limiting
            """).Config!;

        Assert.All(config.KeyAuthCredentials, c => Assert.Equal("0b9a8c5e-1d7f-4a61-9f0e-52f1a8b7c6d1", c.ConsumerId));
        Assert.Equal(["0b9a8c5e-1d7f-4a61-9f0e-52f1a8b7c6d1", null], config.Plugins.Select(p => p.ConsumerId));
    }

    [Fact]
    public void Load_SameConsumerInALaterFile_UpdatesItAndKeepsItsKey()
    {
        var config = ConfigTestData.Load(
            Header + "consumers:\n- username: alex\n  keyauth_credentials:\n  - key: k1\n",
            Header + "consumers:\n- username: alex\n  custom_id: c2\n  keyauth_credentials:\n  - key: k1\n").Config!;

        Assert.Equal("c2", Assert.Single(config.Consumers).CustomId);
        Assert.Single(config.KeyAuthCredentials);
    }

    [Theory]
    [InlineData("consumers:\n- username: a\n- username: a\n", "file1.yaml: consumers[1] (a): duplicate consumer 'a' in file1.yaml")]
    [InlineData("consumers:\n- username: a\n  custom_id: x\n- username: b\n  custom_id: x\n", "consumer 'b': custom_id 'x' is already used by consumer 'a'")]
    [InlineData("consumers:\n- username: a\n  keyauth_credentials:\n  - tags: [t]\n", "file1.yaml: consumers[0] (a).keyauth_credentials[0]: field 'key' is required (a generated key would change on every start)")]
    [InlineData("consumers:\n- username: a\n  keyauth_credentials:\n  - key: \"\"\n", "field 'key' must not be empty")]
    [InlineData("consumers:\n- username: a\n  keyauth_credentials:\n  - key: k\n    ttl: 60\n", "field 'ttl' is not supported")]
    [InlineData("consumers:\n- username: a\n  basicauth_credentials:\n  - username: u\n", "consumers[0] (a): field 'basicauth_credentials' is not supported yet (only keyauth_credentials are)")]
    [InlineData("consumers:\n- username: a\n  groups: [{name: g}]\n", "field 'groups' is not supported: consumer groups are not supported yet")]
    [InlineData("consumers:\n- username: \"a\\nb\"\n", "field 'username' must not contain control characters")]
    [InlineData("consumers:\n- username: a\n  colour: red\n", "consumers[0] (a): unknown field 'colour'")]
    [InlineData("keyauth_credentials:\n- key: k\n", "file1.yaml: keyauth_credentials[0]: field 'consumer' is required (or nest the credential under its consumer)")]
    [InlineData("keyauth_credentials:\n- key: k\n  consumer: ghost\n", "file1.yaml: keyauth_credentials[0]: consumer 'ghost' not found")]
    [InlineData("consumers:\n- username: a\n  plugins:\n  - name: p\n  - name: p\n", "duplicate plugin 'p:consumer:")]
    public void Load_BadConsumerConfig_IsOneLineNamingTheProblem(string yaml, string expected)
    {
        var result = ConfigTestData.Load(Header + yaml);

        Assert.Null(result.Config);
        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_OneKeyForTwoCredentials_IsAnErrorThatNeverQuotesTheKey()
    {
        var result = ConfigTestData.Load(Header + $"""
            consumers:
            - username: a
              keyauth_credentials:
              - key: {SecretKey}
            - username: b
              keyauth_credentials:
              - key: {SecretKey}
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal("file1.yaml: consumers[1] (b).keyauth_credentials[0]: duplicate key: file1.yaml: consumers[0] (a).keyauth_credentials[0] already has the same key (keys must be unique)", error);
        Assert.DoesNotContain(SecretKey, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KeyWithAControlCharacter_IsRefusedWithoutQuotingIt()
    {
        var result = ConfigTestData.Load(Header + "consumers:\n- username: a\n  keyauth_credentials:\n  - key: \"secret\\r\\nX: y\"\n");

        var error = Assert.Single(result.Errors);
        Assert.Contains("field 'key' must not contain control characters", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }
}

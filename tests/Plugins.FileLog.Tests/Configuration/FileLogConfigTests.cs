using System.Text.Json;
using Gateway.Plugins.FileLog.Configuration;
using Gateway.Plugins.Testing;

namespace Gateway.Plugins.FileLog.Tests.Configuration;

public sealed class FileLogConfigTests
{
    [Theory]
    [InlineData("/tmp/claude.json")]
    [InlineData("logs/gateway.log")]
    [InlineData("a")]
    [InlineData("/var/log/with space/file.log")]
    [InlineData("/tmp/ünïcode.log")]
    [InlineData("/dev/stdout")]
    public void Path_KongValidName_Accepted(string path) =>
        Assert.Empty(PluginConfig.Validate<FileLogConfig>($$"""{"path": {{JsonSerializer.Serialize(path)}}}"""));

    [Theory]
    [InlineData("")]
    [InlineData(" /tmp/a.log")]
    [InlineData("/tmp/a.log ")]
    [InlineData("\t/tmp/a.log")]
    [InlineData("/tmp/a.log\n")]
    [InlineData("/tmp/*.log")]
    [InlineData("/tmp/a&b.log")]
    [InlineData("/tmp/100%.log")]
    [InlineData("C:\\logs\\a.log")]
    [InlineData("/tmp/`whoami`.log")]
    public void Path_KongInvalidName_RejectedWithKongMessage(string path)
    {
        var errors = PluginConfig.Validate<FileLogConfig>($$"""{"path": {{JsonSerializer.Serialize(path)}}}""");

        Assert.Equal(["config.path: not a valid filename"], errors);
    }

    [Fact]
    public void Path_Null_RejectedNamingTheField()
    {
        // The gateway's binder refuses the null before file-log's validation runs, so the operator gets the
        // binder's line (which names the field), not Kong's "not a valid filename".
        var error = Assert.Single(PluginConfig.Validate<FileLogConfig>("""{"path": null}"""));

        Assert.StartsWith("config", error, StringComparison.Ordinal);
        Assert.Contains("'path'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Path_Missing_BindingFails()
    {
        var error = Assert.Throws<PluginConfigException>(() => PluginConfig.Bind<FileLogConfig>("{}"));

        Assert.Contains("path", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_OnlyPath_ReopenOffDropWhenFullAndNoCustomFields()
    {
        var config = PluginConfig.Bind<FileLogConfig>("""{"path": "/tmp/a.log"}""");

        Assert.False(config.Reopen);
        Assert.Equal(QueueFullAction.Drop, config.OnQueueFull);
        Assert.Null(config.CustomFields);
        Assert.Null(config.CustomFieldsByLua);
    }

    [Theory]
    [InlineData("""{"path": "/tmp/a.log", "bogus": 1}""")]
    [InlineData("""{"path": "/tmp/a.log", "reopen": "yes"}""")]
    [InlineData("""{"path": "/tmp/a.log", "reopen": 1}""")]
    [InlineData("""{"path": "/tmp/a.log", "custom_fields": ["not", "a", "map"]}""")]
    [InlineData("""{"path": "/tmp/a.log", "on_queue_full": "wait"}""")]
    [InlineData("""{"path": "/tmp/a.log", "on_queue_full": 1}""")]
    [InlineData("""{"path": "/tmp/a.log", "on_queue_full": null}""")]
    public void Config_UnknownFieldOrWrongType_BindingFails(string json) =>
        Assert.NotEmpty(Assert.Throws<PluginConfigException>(() => PluginConfig.Bind<FileLogConfig>(json)).Errors);

    [Theory]
    [InlineData("drop", nameof(QueueFullAction.Drop))]
    [InlineData("block", nameof(QueueFullAction.Block))]
    public void OnQueueFull_DropOrBlock_Bound(string value, string expected) =>
        Assert.Equal(expected, PluginConfig.Bind<FileLogConfig>($$"""{"path": "/tmp/a.log", "on_queue_full": "{{value}}"}""").OnQueueFull.ToString());

    [Theory]
    [InlineData("""{"x": "return 1"}""")]
    [InlineData("""{}""")]
    [InlineData("\"return 1\"")]
    public void CustomFieldsByLua_AnyValue_RejectedPointingToCustomFields(string lua)
    {
        var errors = PluginConfig.Validate<FileLogConfig>($$"""{"path": "/tmp/a.log", "custom_fields_by_lua": {{lua}}}""");

        var error = Assert.Single(errors);
        Assert.StartsWith("config.custom_fields_by_lua: Lua is not supported", error, StringComparison.Ordinal);
        Assert.Contains("use custom_fields", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomFieldsByLua_Null_Accepted() =>
        Assert.Empty(PluginConfig.Validate<FileLogConfig>("""{"path": "/tmp/a.log", "custom_fields_by_lua": null}"""));

    [Fact]
    public void CustomFields_StaticValuesAndTemplates_Accepted()
    {
        var errors = PluginConfig.Validate<FileLogConfig>("""
            {"path": "/tmp/a.log", "custom_fields": {
              "env": "prod", "build": 42, "debug": false, "team.tags": ["a", "b"], "owner": {"name": "x"},
              "client.agent": "$(headers.user-agent)", "call": "$(method) $(path)?beta=$(query.beta) from $(client_ip)",
              "literal": "costs $$(not a variable)"
            }}
            """);

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("", "\"x\"", "dot-separated")]
    [InlineData(".a", "\"x\"", "dot-separated")]
    [InlineData("a.", "\"x\"", "dot-separated")]
    [InlineData("a..b", "\"x\"", "dot-separated")]
    [InlineData("a", "null", "must not be null")]
    [InlineData("a", "\"$(headers.user-agent\"", "unterminated '$('")]
    [InlineData("a", "\"$(body)\"", "unknown template variable '$(body)'")]
    [InlineData("a", "\"$(headers.)\"", "unknown template variable")]
    [InlineData("a", "\"$(query.)\"", "unknown template variable")]
    [InlineData("a", "\"$(Method)\"", "unknown template variable")]
    [InlineData("a", "\"$(headers.Authorization)\"", "secret")]
    [InlineData("a", "\"$(headers.proxy-authorization)\"", "secret")]
    [InlineData("a", "\"$(headers.cookie)\"", "secret")]
    [InlineData("a", "\"key=$(headers.X-Api-Key)\"", "secret")]
    public void CustomFields_InvalidEntry_RejectedWithFieldName(string key, string value, string expected)
    {
        var errors = PluginConfig.Validate<FileLogConfig>(
            $$$"""{"path": "/tmp/a.log", "custom_fields": { {{{JsonSerializer.Serialize(key)}}}: {{{value}}} }}""");

        var error = Assert.Single(errors);
        Assert.StartsWith($"config.custom_fields.{key}: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEach()
    {
        var errors = PluginConfig.Validate<FileLogConfig>("""
            {"path": "*", "custom_fields_by_lua": {"a": "b"}, "custom_fields": {"x": "$(nope)"}}
            """);

        Assert.Equal(3, errors.Count);
    }
}

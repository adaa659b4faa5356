using System.Net;
using System.Text.Json;
using Gateway.Plugins.FileLog.CustomFields;
using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins.FileLog.Tests.CustomFields;

public sealed class CustomFieldTests
{
    private static DefaultHttpContext Request()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/anthropic/v1/messages";
        context.Request.QueryString = new QueryString("?beta=true&tag=a&tag=b");
        context.Request.Headers.UserAgent = "claude-cli/2.0.37 (external, cli)";
        context.Request.Headers["x-team"] = new[] { "red", "blue" };
        context.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
        return context;
    }

    private static object Resolve(string valueJson)
    {
        using var document = JsonDocument.Parse(valueJson);
        Assert.True(CustomField.TryCreate("k", document.RootElement.Clone(), out var field, out var error), error);
        return field.Resolve(new Gateway.TestCommon.FakePluginContext(new object(), Request()));
    }

    [Theory]
    [InlineData("\"$(headers.user-agent)\"", "claude-cli/2.0.37 (external, cli)")]
    [InlineData("\"$(headers.User-Agent)\"", "claude-cli/2.0.37 (external, cli)")]
    [InlineData("\"$(headers.x-team)\"", "red,blue")]
    [InlineData("\"$(headers.missing)\"", "")]
    [InlineData("\"$(query.beta)\"", "true")]
    [InlineData("\"$(query.tag)\"", "a,b")]
    [InlineData("\"$(query.missing)\"", "")]
    [InlineData("\"$(method)\"", "POST")]
    [InlineData("\"$(path)\"", "/anthropic/v1/messages")]
    [InlineData("\"$(client_ip)\"", "10.1.2.3")]
    [InlineData("\"$(method) $(path)?beta=$(query.beta) from $(client_ip)\"", "POST /anthropic/v1/messages?beta=true from 10.1.2.3")]
    [InlineData("\"[$(headers.missing)]\"", "[]")]
    public void Resolve_Template_RendersRequestData(string template, string expected) =>
        Assert.Equal(expected, Resolve(template));

    [Theory]
    [InlineData("\"prod\"", "\"prod\"")]
    [InlineData("\"costs $$(x) and $5\"", "\"costs $(x) and $5\"")]
    [InlineData("42", "42")]
    [InlineData("true", "true")]
    [InlineData("{\"a\":[1,2]}", "{\"a\":[1,2]}")]
    public void Resolve_StaticValue_SameJsonEveryRequest(string value, string expectedJson)
    {
        var resolved = Assert.IsType<JsonElement>(Resolve(value));

        Assert.Equal(expectedJson, resolved.GetRawText());
    }

    [Fact]
    public void Resolve_TemplateWithEscapedDollar_KeepsLiteral() =>
        Assert.Equal("$(method)=POST", Resolve("\"$$(method)=$(method)\""));

    [Fact]
    public void Resolve_HeaderAnotherPluginMarkedSecret_RendersRedacted()
    {
        var http = Request();
        http.Request.Headers["x-provider-key"] = "sk-ant-secret";
        var context = new Gateway.TestCommon.FakePluginContext(new object(), http);
        context.RedactRequestHeader("x-provider-key");
        using var document = JsonDocument.Parse("\"key=$(headers.x-provider-key)\"");
        Assert.True(CustomField.TryCreate("k", document.RootElement.Clone(), out var field, out var error), error);

        Assert.Equal("key=REDACTED", field.Resolve(context));
    }
}

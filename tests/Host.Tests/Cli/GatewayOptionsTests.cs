using Gateway.Host.Cli;

namespace Gateway.Host.Tests.Cli;

public sealed class GatewayOptionsTests
{
    [Fact]
    public void Parse_ConfigsPluginsCheckAndHostArgs_SplitsThem()
    {
        var options = GatewayOptions.Parse(["check", "--config", "a.yaml", "--config=b.yaml", "--plugins", "p.json", "--urls", "http://127.0.0.1:9000"]);

        Assert.True(options.Check);
        Assert.Equal(["a.yaml", "b.yaml"], options.ConfigFiles);
        Assert.Equal("p.json", options.PluginCatalog);
        Assert.Equal(["--urls", "http://127.0.0.1:9000"], options.HostArgs);
    }

    [Fact]
    public void Parse_StatusUrls_SetsTheStatusListenerAndKeepsItOutOfTheHostArgs()
    {
        var options = GatewayOptions.Parse(["--status-urls", "http://127.0.0.1:8100", "--urls", "http://127.0.0.1:8000"]);

        Assert.Equal("http://127.0.0.1:8100", options.StatusUrls);
        Assert.Equal(["--urls", "http://127.0.0.1:8000"], options.HostArgs);
        Assert.Null(GatewayOptions.Parse([]).StatusUrls);
    }

    [Fact]
    public void Parse_EmptyStatusUrls_IsAnErrorNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => GatewayOptions.Parse(["--status-urls="]));

        Assert.Contains("--status-urls", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PluginDir_SetsTheDropInFolderAsAFullPath()
    {
        var options = GatewayOptions.Parse(["--plugin-dir", "extra"]);

        Assert.Equal(Path.GetFullPath("extra"), options.PluginFolder);
        Assert.Empty(options.HostArgs);
    }

    [Fact]
    public void Parse_NoPluginDir_UsesThePluginsFolderBesideTheHost()
    {
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "plugins"), GatewayOptions.Parse([]).PluginFolder);
    }

    [Fact]
    public void Parse_ConfigWithoutValue_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => GatewayOptions.Parse(["--config"]));

        Assert.Equal("--config needs a value", error.Message);
    }

    [Theory]
    [InlineData(new string[0], 60)]
    [InlineData(new[] { "--client-body-timeout", "5" }, 5)]
    [InlineData(new[] { "--client-body-timeout=2.5" }, 2.5)]
    [InlineData(new[] { "--client-body-timeout", "90s" }, 90)]
    public void Parse_ClientBodyTimeout_SecondsDefaultingToNginxs60(string[] args, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), GatewayOptions.Parse(args).ClientBodyTimeout);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("soon")]
    public void Parse_ClientBodyTimeoutNotPositive_Throws(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => GatewayOptions.Parse(["--client-body-timeout", value]));

        Assert.Equal($"--client-body-timeout must be a number of seconds greater than 0 (e.g. 60 or 2.5), not '{value}'", error.Message);
    }
}

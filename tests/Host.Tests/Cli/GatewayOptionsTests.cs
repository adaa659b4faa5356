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
    public void Parse_ConfigWithoutValue_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => GatewayOptions.Parse(["--config"]));

        Assert.Equal("--config needs a value", error.Message);
    }
}

using Gateway.Plugins.Testing.Tests.Plugins;

namespace Gateway.Plugins.Testing.Tests;

public sealed class PluginConfigTests
{
    [Fact]
    public void Bind_ValidSnakeCaseJson_ReturnsTheTypedConfig()
    {
        var config = PluginConfig.Bind<StampConfig>("""{"header_name": "x-a", "uppercase": true}""");

        Assert.Equal("x-a", config.HeaderName);
        Assert.True(config.Uppercase);
        Assert.Equal("stamped", config.Value);
    }

    [Fact]
    public void Bind_InvalidJson_ThrowsWithEveryError()
    {
        var ex = Assert.Throws<PluginConfigException>(() => PluginConfig.Bind<StampConfig>("""{"header_name": "Bad", "reject_with": 200}"""));

        Assert.Equal(2, ex.Errors.Count);
        Assert.Contains(ex.Errors, e => e.StartsWith("config.header_name: ", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("config.reject_with: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UnknownFieldAndWrongType_ReportsBothLikeTheGateway()
    {
        var errors = PluginConfig.Validate<StampConfig>("""{"colour": "red", "uppercase": "yes"}""");

        Assert.Contains("config.colour: unknown field", errors);
        Assert.Contains(errors, e => e.StartsWith("config.uppercase: expected", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ValidJson_ReturnsNoErrors()
    {
        Assert.Empty(PluginConfig.Validate<StampConfig>("{}"));
    }
}

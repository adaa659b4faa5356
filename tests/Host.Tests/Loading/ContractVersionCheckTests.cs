using Gateway.Host.Loading;

namespace Gateway.Host.Tests.Loading;

/// <summary>The compatibility table of docs/plugin-authoring.md ("Contract versions"), row by row.</summary>
public sealed class ContractVersionCheckTests
{
    [Theory]
    [InlineData("1.0", "1.0")]
    [InlineData("1.0", "1.3")]
    [InlineData("1.2", "1.3")]
    [InlineData("1.3", "1.3")]
    public void Incompatibility_SameMajorAndNoNewerMinor_IsNone(string plugin, string host)
    {
        Assert.Null(ContractVersionCheck.Incompatibility("stamp", Version.Parse(plugin), Version.Parse(host)));
    }

    [Theory]
    [InlineData("1.1", "1.0", "plugin stamp needs contract 1.1, this gateway has 1.0; upgrade the gateway")]
    [InlineData("2.0", "1.4", "plugin stamp needs contract 2.0, this gateway has 1.4; upgrade the gateway")]
    [InlineData("1.9", "2.0", "plugin stamp was built for contract 1.9, this gateway has 2.0; rebuild the plugin against contract 2.x")]
    public void Incompatibility_NewerContractOrOlderMajor_SaysWhichSideToChange(string plugin, string host, string expected)
    {
        Assert.Equal(expected, ContractVersionCheck.Incompatibility("stamp", Version.Parse(plugin), Version.Parse(host)));
    }

    [Fact]
    public void HostVersion_IsTheContractAssemblysMajorAndMinor()
    {
        var version = typeof(Gateway.Plugins.IGatewayPlugin).Assembly.GetName().Version!;

        Assert.Equal(0, version.Build);
        Assert.Equal(0, version.Revision);
        Assert.Equal($"{version.Major}.{version.Minor}", ContractVersionCheck.HostVersion);
    }
}

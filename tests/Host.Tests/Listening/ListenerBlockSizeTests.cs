using Gateway.Host.Listening;
using Gateway.Host.Loading;
using Microsoft.Extensions.Configuration;

namespace Gateway.Host.Tests.Listening;

public sealed class ListenerBlockSizeTests
{
    private static IConfiguration Config(string? value) => new ConfigurationBuilder()
        .AddInMemoryCollection(value is null ? [] : [new(ListenerBlockSize.ConfigurationKey, value)]).Build();

    [Fact]
    public void Read_WithoutTheKey_Is32KilobyteBlocksAndAtMost16MegabytesKept()
    {
        var size = ListenerBlockSize.Read(Config(null));

        Assert.Equal(32 * 1024, size.BlockSize);
        Assert.Equal(512, size.MaxRetainedBlocks);
    }

    [Theory]
    [InlineData("4096", 4096, 4096)]
    [InlineData("65536", 65536, 256)]
    [InlineData("1048576", 1048576, 16)]
    public void Read_TheOperatorsSize_KeepsTheSameBytesBound(string value, int blockSize, int maxRetained)
    {
        var size = ListenerBlockSize.Read(Config(value));

        Assert.Equal(blockSize, size.BlockSize);
        Assert.Equal(maxRetained, size.MaxRetainedBlocks);
    }

    [Theory]
    [InlineData("4095")]
    [InlineData("1048577")]
    [InlineData("64k")]
    [InlineData("-4096")]
    [InlineData("")]
    public void Read_ASizeOutOfRangeOrNotANumber_IsAStartupErrorNamingTheKey(string value)
    {
        var error = Assert.Throws<GatewayStartupException>(() => ListenerBlockSize.Read(Config(value)));

        Assert.Equal($"Gateway:ListenerBlockSize must be a number of bytes from 4096 to 1048576, got '{value}'", error.Message);
    }
}

using Gateway.MockAnthropic.Http;

namespace Gateway.MockAnthropic.Tests;

public sealed class ContentCodingTests
{
    [Theory]
    [InlineData(null, "Identity")]
    [InlineData("", "Identity")]
    [InlineData("identity", "Identity")]
    [InlineData("gzip, deflate, br, zstd", "Gzip")]
    [InlineData("br, gzip", "Gzip")]
    [InlineData("br", "Brotli")]
    [InlineData("GZIP;q=0.5", "Gzip")]
    [InlineData("gzip;q=0, br", "Brotli")]
    [InlineData("gzip; q=0.000, br;q=0", "Identity")]
    public void Choose_AcceptEncoding_PrefersGzipThenBrotli(string? header, string expected)
    {
        // The enum is internal and xunit theories are public, so the expectation travels as its name.
        Assert.Equal(Enum.Parse<ContentCoding>(expected), ContentCodingNegotiator.Choose(header));
    }
}

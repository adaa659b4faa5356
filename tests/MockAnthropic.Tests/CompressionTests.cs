using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json;
using Gateway.MockAnthropic.Tests.Support;

namespace Gateway.MockAnthropic.Tests;

public sealed class CompressionTests
{
    [Theory]
    [InlineData("gzip, deflate, br, zstd", "gzip")]
    [InlineData("br", "br")]
    [InlineData("deflate, br;q=1", "br")]
    [InlineData("gzip;q=0, br", "br")]
    public async Task Messages_AcceptEncoding_CompressesWithExpectedCoding(string acceptEncoding, string expected)
    {
        await using var mock = await MockHarness.StartAsync();
        using var request = MockHarness.Post("/v1/messages", RequestBodies.Messages("hello"));
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);

        using var response = await mock.Client.SendAsync(request);

        Assert.Equal(expected, Assert.Single(response.Content.Headers.ContentEncoding));
        await using var raw = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = expected == "gzip"
            ? new GZipStream(raw, CompressionMode.Decompress)
            : new BrotliStream(raw, CompressionMode.Decompress);
        using var doc = await JsonDocument.ParseAsync(decoded);
        Assert.Equal("message", doc.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Messages_NoAcceptEncoding_SendsIdentityWithLength()
    {
        await using var mock = await MockHarness.StartAsync();

        using var response = await mock.Client.SendAsync(MockHarness.Post("/v1/messages", RequestBodies.Messages("hello")));

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.NotNull(response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Messages_StreamWithGzipAccepted_IsNeverCompressed()
    {
        await using var mock = await MockHarness.StartAsync();
        using var request = MockHarness.Post("/v1/messages", RequestBodies.Messages("hello", stream: true));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        using var response = await mock.SendStreamingAsync(request);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        using var reader = new Support.SseReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("message_start", (await reader.NextAsync())!.Name);
    }
}

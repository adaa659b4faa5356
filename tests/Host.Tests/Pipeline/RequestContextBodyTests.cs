using System.Diagnostics;
using Gateway.Host.Configuration.Model;
using Gateway.Host.Pipeline;
using Gateway.Plugins;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Tests.Pipeline;

public sealed class RequestContextBodyTests
{
    private static RequestContext Context(Stream body, long? contentLength)
    {
        var http = new DefaultHttpContext();
        http.Request.Body = body;
        http.Request.ContentLength = contentLength;
        var runtime = new GatewayRuntime(
            new GatewayConfig([], [], []),
            new PluginChains(new Dictionary<string, PluginChain>(), PluginChain.Empty, new Dictionary<IGatewayPlugin, IReadOnlyList<PluginInstance>>()));
        return new RequestContext(http, runtime, Stopwatch.GetTimestamp());
    }

    [Fact]
    public async Task ReadBody_ContentLengthReached_StopsWithoutAnotherRead()
    {
        var payload = new byte[1024 * 1024];
        using var context = Context(new ExactStream(payload), payload.Length);

        var body = await context.ReadRequestBodyAsync(0);

        Assert.False(body.TooLarge);
        Assert.Equal(payload.Length, body.Data.Length);
        Assert.Equal(payload.Length, context.HttpContext.Request.ContentLength);
    }

    [Fact]
    public async Task ReadBody_DeclaredLengthOverLimit_ReadsNothing()
    {
        var stream = new ExactStream(new byte[100]);
        using var context = Context(stream, 100);

        var body = await context.ReadRequestBodyAsync(10);

        Assert.True(body.TooLarge);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public async Task ReadBody_ChunkedBodyOverLimit_StopsPastTheLimit()
    {
        var stream = new ExactStream(new byte[64 * 1024]);
        using var context = Context(stream, contentLength: null);

        var body = await context.ReadRequestBodyAsync(20 * 1024);

        Assert.True(body.TooLarge);
        Assert.True(stream.Position < 64 * 1024);
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(RequestBodyPool.SmallLimit, true)]
    [InlineData(RequestBodyPool.SmallLimit + 1, true)]
    [InlineData(RequestBodyPool.SmallLimit, false)]
    [InlineData(RequestBodyPool.SmallLimit + 1, false)]
    [InlineData(300 * 1024, false)]
    public async Task ReadBody_AroundTheSmallBufferLimit_KeepsEveryByteAndReturnsTheBuffers(int length, bool declared)
    {
        // Without a Content-Length the buffer starts at 16 KB and doubles, from the shared pool into the large one.
        var payload = new byte[length];
        new Random(length).NextBytes(payload);
        for (var round = 0; round < 2; round++)
        {
            // A chunked body ends with a read of 0 bytes, which ExactStream refuses.
            using var context = declared ? Context(new ExactStream(payload), length) : Context(new MemoryStream(payload), null);

            var body = await context.ReadRequestBodyAsync(0);

            Assert.False(body.TooLarge);
            Assert.True(payload.AsSpan().SequenceEqual(body.Data.Span), "the buffered body differs from the one sent");
        }
    }

    /// <summary>Serves its bytes once, in 16 KB reads, and fails a read after the end: a body with a
    /// Content-Length needs none.</summary>
    private sealed class ExactStream(byte[] data) : Stream
    {
        private int _position;
        private bool _endSeen;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position == data.Length && data.Length > 0 && buffer.Length > 0 && _endSeen)
            {
                throw new InvalidOperationException("read past the declared end of the body");
            }

            var n = Math.Min(Math.Min(buffer.Length, 16 * 1024), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer.Span);
            _position += n;
            _endSeen |= _position == data.Length;
            return ValueTask.FromResult(n);
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

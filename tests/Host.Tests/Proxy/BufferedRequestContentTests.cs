using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.Host.Proxy;

namespace Gateway.Host.Tests.Proxy;

public sealed class BufferedRequestContentTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"model":"claude-sonnet-4-5-20250929","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""");

    [Fact]
    public async Task Send_SmallBufferedBody_GoesOutInOneWriteWithTheHeaders()
    {
        var (writes, received) = await SendThroughCountingStreamAsync(new BufferedRequestContent(Body, JsonHeaders(Body.Length)));

        Assert.Equal(1, writes);
        Assert.Contains("Content-Length: " + Body.Length, received, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n" + Encoding.UTF8.GetString(Body), received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ContentThatFlushesTheHeadersFirst_TakesTwoWrites()
    {
        // What YARP's streaming content does; shows the counting stream tells the two apart.
        var (writes, received) = await SendThroughCountingStreamAsync(new FlushFirstContent(Body, JsonHeaders(Body.Length)));

        Assert.Equal(2, writes);
        Assert.EndsWith(Encoding.UTF8.GetString(Body), received, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_CopiesTheContentHeadersAsGiven()
    {
        var headers = JsonHeaders(Body.Length);
        headers.TryAddWithoutValidation("Content-Encoding", "identity");

        var content = new BufferedRequestContent(Body, headers);

        Assert.Equal("application/json", content.Headers.ContentType?.MediaType);
        Assert.Equal(Body.Length, content.Headers.ContentLength);
        Assert.Equal(["identity"], content.Headers.ContentEncoding);
    }

    [Fact]
    public void Constructor_MultiValueHeader_KeepsEveryValueInOrder()
    {
        var headers = JsonHeaders(Body.Length);
        headers.TryAddWithoutValidation("Content-Language", ["da", "en-GB"]);

        var content = new BufferedRequestContent(Body, headers);

        Assert.Equal(["da", "en-GB"], content.Headers.ContentLanguage);
    }

    [Fact]
    public void Constructor_CopyingTheHeaders_AllocatesNoMoreThanAddingEachValueAsAString()
    {
        // The reference is what the header store itself needs; anything above it is the copy's own garbage (the old
        // copy boxed each header's values and their enumerator). Warm both paths first so no JIT work is counted.
        var headers = JsonHeaders(Body.Length);
        for (var i = 0; i < 50; i++)
        {
            _ = new BufferedRequestContent(Body, headers);
            _ = new BufferedRequestContent(Body, new ByteArrayContent([]).Headers);
            _ = ByAddingStrings(headers);
            _ = new ByteArrayContent(Body);
        }

        var none = new ByteArrayContent([]).Headers;
        var reference = Allocated(() => ByAddingStrings(headers)) - Allocated(() => new ByteArrayContent(Body));
        var copy = Allocated(() => new BufferedRequestContent(Body, headers)) - Allocated(() => new BufferedRequestContent(Body, none));

        Assert.True(copy <= reference, $"copying the headers allocated {copy} B, adding their values as strings {reference} B");
    }

    [Fact]
    public async Task Released_OnlyOnceTheWholeBodyWasWritten()
    {
        var content = new BufferedRequestContent(Body, JsonHeaders(Body.Length));
        Assert.False(content.Released);

        var stream = new GatedStream();
        var write = content.CopyToAsync(stream);
        await stream.WriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(content.Released);

        stream.Open.SetResult();
        await write.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(content.Released);
        Assert.Equal(Body, stream.Written.ToArray());
    }

    [Fact]
    public async Task Released_StaysFalseWhenTheWriteFailed()
    {
        var content = new BufferedRequestContent(Body, JsonHeaders(Body.Length));
        var stream = new GatedStream();
        var write = content.CopyToAsync(stream);
        await stream.WriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        stream.Open.SetException(new IOException("connection reset"));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => write.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.IsType<IOException>(failure.InnerException);
        Assert.False(content.Released);
    }

    private static System.Net.Http.Headers.HttpContentHeaders JsonHeaders(int length)
    {
        var headers = new ByteArrayContent([]).Headers;
        headers.TryAddWithoutValidation("Content-Type", "application/json");
        headers.TryAddWithoutValidation("Content-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return headers;
    }

    /// <summary>Sends one POST over loopback through a stream that counts the writes HttpClient makes on the socket.</summary>
    private static async Task<(int Writes, string Received)> SendThroughCountingStreamAsync(HttpContent content)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = ServeOneAsync(listener);

        CountingStream? counting = null;
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, token);
                return counting = new CountingStream(new NetworkStream(socket, ownsSocket: true));
            },
        };
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/v1/messages") { Content = content };
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (counting!.Writes, await server);
    }

    private static async Task<string> ServeOneAsync(TcpListener listener)
    {
        using var socket = await listener.AcceptSocketAsync();
        var received = new MemoryStream();
        var buffer = new byte[4096];
        while (!HasWholeRequest(received.ToArray()))
        {
            var n = await socket.ReceiveAsync(buffer);
            if (n == 0)
            {
                break;
            }

            received.Write(buffer, 0, n);
        }

        await socket.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"u8.ToArray());
        return Encoding.UTF8.GetString(received.ToArray());
    }

    private static long Allocated(Func<HttpContent> make)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(make());
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static HttpContent ByAddingStrings(System.Net.Http.Headers.HttpContentHeaders from)
    {
        var content = new ByteArrayContent(Body);
        foreach (var (name, values) in from.NonValidated)
        {
            foreach (var value in values)
            {
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return content;
    }

    private static bool HasWholeRequest(byte[] data)
    {
        var text = Encoding.UTF8.GetString(data);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return end >= 0 && data.Length - (end + 4) >= Body.Length;
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public int Writes { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            inner.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            return inner.WriteAsync(buffer, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>Flushes the request headers before the body, as YARP's streaming content does.</summary>
    private sealed class FlushFirstContent : HttpContent
    {
        private readonly byte[] _body;

        public FlushFirstContent(byte[] body, System.Net.Http.Headers.HttpContentHeaders headers)
        {
            _body = body;
            foreach (var (name, values) in headers.NonValidated)
            {
                Headers.TryAddWithoutValidation(name, values);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.FlushAsync(cancellationToken);
            await stream.WriteAsync(_body, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }

    /// <summary>Holds a write until the test opens it.</summary>
    private sealed class GatedStream : Stream
    {
        public TaskCompletionSource WriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public MemoryStream Written { get; } = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            WriteStarted.TrySetResult();
            await Open.Task;
            Written.Write(buffer.Span);
        }
    }
}

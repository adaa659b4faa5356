using System.Collections.Concurrent;
using System.Net;

namespace Gateway.Integration.Tests.Plugins.FileLog;

/// <summary>Drives many small requests at a fixed concurrency and keeps the request id of every response that
/// arrived in full.</summary>
internal static class Traffic
{
    /// <summary>An HTTP/1.1 client with its own connection pool (not the test host's, which disposal cancels).</summary>
    public static HttpClient Client(Uri baseUri) => new(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None })
    {
        BaseAddress = baseUri,
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Sends <paramref name="total"/> GETs to <paramref name="path"/>, <paramref name="concurrency"/> at a
    /// time. Failed requests (a host shutting down) are counted, not thrown.</summary>
    /// <param name="onCompleted">Called with the number of completed requests after each one.</param>
    public static async Task<Result> SendAsync(HttpClient client, string path, int total, int concurrency, Action<int>? onCompleted = null)
    {
        var ids = new ConcurrentBag<string>();
        var failures = 0;
        var next = -1;
        var completed = 0;

        async Task WorkerAsync()
        {
            while (Interlocked.Increment(ref next) < total)
            {
                try
                {
                    using var response = await client.GetAsync(path);
                    await response.Content.ReadAsByteArrayAsync();
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    ids.Add(response.Headers.GetValues("X-Kong-Request-Id").Single());
                    onCompleted?.Invoke(Interlocked.Increment(ref completed));
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
        return new Result([.. ids], failures);
    }

    public sealed record Result(IReadOnlyList<string> RequestIds, int Failures);
}

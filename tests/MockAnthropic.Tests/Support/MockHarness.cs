using System.Net.Http.Headers;
using System.Text;

namespace Gateway.MockAnthropic.Tests.Support;

/// <summary>A mock on a free loopback port plus a client that neither decompresses nor retries.</summary>
internal sealed class MockHarness : IAsyncDisposable
{
    private MockHarness(MockAnthropicServer server)
    {
        Server = server;
        Client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None })
        {
            BaseAddress = server.BaseUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public MockAnthropicServer Server { get; }

    public HttpClient Client { get; }

    public static async Task<MockHarness> StartAsync(MockAnthropicOptions? options = null) =>
        new(await MockAnthropicServer.StartAsync(options ?? new MockAnthropicOptions()));

    public static HttpRequestMessage Post(string path, string json, string? scenarioHeader = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", "test-key");
        request.Headers.Add("anthropic-version", "2023-06-01");
        if (scenarioHeader is not null)
        {
            request.Headers.Add("x-mock-scenario", scenarioHeader);
        }

        return request;
    }

    /// <summary>Sends and returns as soon as the headers arrive, as a streaming client does.</summary>
    public Task<HttpResponseMessage> SendStreamingAsync(HttpRequestMessage request) =>
        Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

    public async Task<List<SseEvent>> StreamAsync(string json, string? scenarioHeader = null)
    {
        using var response = await SendStreamingAsync(Post("/v1/messages?beta=true", json, scenarioHeader));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("text/event-stream") { CharSet = "utf-8" }, response.Content.Headers.ContentType);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        return await reader.ReadAllAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

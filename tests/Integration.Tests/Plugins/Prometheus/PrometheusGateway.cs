using System.Net.Http.Headers;

namespace Gateway.Integration.Tests.Plugins.Prometheus;

/// <summary>A gateway with a status listener on a loopback port, and scraping helpers.</summary>
internal static class PrometheusGateway
{
    public static readonly string[] StatusListener = ["--status-urls", "http://127.0.0.1:0"];

    public static async Task<string> GetAsync(Uri statusUri, string path, string? accept = null)
    {
        using var client = new HttpClient { BaseAddress = statusUri, Timeout = TimeSpan.FromSeconds(15) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public static async Task<Exposition> ScrapeAsync(GatewayTestHost gateway) =>
        new(await GetAsync(gateway.StatusUri ?? throw new InvalidOperationException("no status listener"), "/metrics"));

    /// <summary>Scrapes until <paramref name="ready"/> holds: the log phase, which records, runs after the response.</summary>
    public static async Task<Exposition> ScrapeUntilAsync(GatewayTestHost gateway, Func<Exposition, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var exposition = await ScrapeAsync(gateway);
            if (ready(exposition))
            {
                return exposition;
            }

            Assert.True(DateTime.UtcNow < deadline, "the metrics never reached the expected state:\n" + exposition.Text);
            await Task.Delay(50);
        }
    }
}

using System.Net;
using System.Text.Json;
using Gateway.Plugins.AiRateLimitingAdvanced.Configuration;
using Gateway.TestCommon;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Tests.Enforcement;

/// <summary>
/// Kong's rule over time, with a manual clock: the request that crosses a limit passes, the next is refused until the
/// window lets it through again. The wire behaviour (real pipeline, ai-proxy, Redis) is in Integration.Tests.
/// </summary>
public sealed class BudgetFlowTests
{
    // A minute boundary, so window positions below are exact.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_040));

    private static AiRateLimitingAdvancedConfig Config(WindowType type, double limit = 1000, double window = 60,
        TokensCountStrategy strategy = TokensCountStrategy.TotalTokens, bool hide = false) => new()
    {
        LlmProviders = [new LlmProviderConfig { Name = "anthropic", Limit = [limit], WindowSize = [window] }],
        WindowType = type,
        TokensCountStrategy = strategy,
        HideClientHeaders = hide,
        Identifier = Identifiers.Ip,
    };

    private AiRateLimitingAdvancedPlugin Plugin() => new(NullLogger<AiRateLimitingAdvancedPlugin>.Instance, _time);

    private static async Task<FakePluginContext> SendAsync(AiRateLimitingAdvancedPlugin plugin, AiRateLimitingAdvancedConfig config,
        long tokens, double cost = 0, string ip = "10.0.0.1", bool aiProxy = false)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        var context = new FakePluginContext(config, http);
        if (aiProxy)
        {
            context.ChainPlugins.Add("ai-proxy");
        }

        await plugin.AccessAsync(context);
        if (context.ExitResponse is null)
        {
            context.SetShared(AiContextKeys.Usage, new AiUsage("anthropic", "m", "m", tokens / 2, tokens - (tokens / 2), 0, 0, cost,
                TimeSpan.Zero, null, null, false, false));
        }

        await plugin.HeaderFilterAsync(context);
        await plugin.LogAsync(context);
        return context;
    }

    private static string Header(FakePluginContext context, string name) => context.HttpContext.Response.Headers[name].ToString();

    [Fact]
    public async Task Fixed_CrossingRequestPasses_NextIsRefusedUntilTheWindowEnds()
    {
        var plugin = Plugin();
        var config = Config(WindowType.Fixed);

        var first = await SendAsync(plugin, config, 600);
        var crossing = await SendAsync(plugin, config, 600);
        _time.Advance(TimeSpan.FromSeconds(20));
        var refused = await SendAsync(plugin, config, 600);

        Assert.Null(first.ExitResponse);
        Assert.Equal("1000", Header(first, "X-AI-RateLimit-Remaining-minute-anthropic"));
        Assert.Null(crossing.ExitResponse);
        Assert.Equal("400", Header(crossing, "X-AI-RateLimit-Remaining-minute-anthropic"));
        Assert.Equal(429, refused.ExitResponse!.Value.Status);
        Assert.Equal("""{"message":"AI token rate limit exceeded for provider(s): anthropic"}""", refused.ExitResponse.Value.Body);
        Assert.Equal("0", Header(refused, "X-AI-RateLimit-Remaining-minute-anthropic"));
        Assert.Equal("40", Header(refused, "X-AI-RateLimit-Reset"));
        Assert.Equal("40", Header(refused, "X-AI-RateLimit-Retry-After"));
        Assert.Equal("40", Header(refused, "Retry-After"));
        Assert.Equal("40", Header(refused, "X-AI-RateLimit-Reset-minute-anthropic"));

        _time.Advance(TimeSpan.FromSeconds(40));
        Assert.Null((await SendAsync(plugin, config, 1)).ExitResponse);
    }

    [Fact]
    public async Task Fixed_ExactlyAtTheLimit_IsStillAdmitted()
    {
        var plugin = Plugin();
        var config = Config(WindowType.Fixed);

        await SendAsync(plugin, config, 1000);

        Assert.Null((await SendAsync(plugin, config, 1)).ExitResponse);
        Assert.Equal(429, (await SendAsync(plugin, config, 1)).ExitResponse!.Value.Status);
    }

    [Fact]
    public async Task Sliding_PreviousWindowKeepsRefusingWhileItsWeightIsOverTheLimit()
    {
        var plugin = Plugin();
        var config = Config(WindowType.Sliding);
        await SendAsync(plugin, config, 2000);

        // 30 s into the next window the estimate is 2000 × 30/60 = 1000: not over, admitted.
        _time.Advance(TimeSpan.FromSeconds(75));
        var stillOver = await SendAsync(plugin, config, 0);
        _time.Advance(TimeSpan.FromSeconds(15));
        var admitted = await SendAsync(plugin, config, 0);

        Assert.Equal(429, stillOver.ExitResponse!.Value.Status);
        // 45 s left in the window, plus (1500 − 1000) / (1500 + 1000) × 60 = 12 s.
        Assert.Equal("57", Header(stillOver, "X-AI-RateLimit-Reset"));
        Assert.Null(admitted.ExitResponse);
        Assert.Equal("0", Header(admitted, "X-AI-RateLimit-Remaining-minute-anthropic"));
    }

    [Fact]
    public async Task Refused_RequestCountsNothing()
    {
        var plugin = Plugin();
        var config = Config(WindowType.Fixed, limit: 10);
        await SendAsync(plugin, config, 11);
        var refused = await SendAsync(plugin, config, 500);

        Assert.NotNull(refused.ExitResponse);
        _time.Advance(TimeSpan.FromSeconds(60));
        var next = await SendAsync(plugin, config, 0);
        Assert.Equal("10", Header(next, "X-AI-RateLimit-Remaining-minute-anthropic"));
    }

    [Fact]
    public async Task Identifier_EachClientHasItsOwnBudget()
    {
        var plugin = Plugin();
        var config = Config(WindowType.Fixed, limit: 10);
        await SendAsync(plugin, config, 11, ip: "10.0.0.1");

        Assert.NotNull((await SendAsync(plugin, config, 1, ip: "10.0.0.1")).ExitResponse);
        Assert.Null((await SendAsync(plugin, config, 1, ip: "10.0.0.2")).ExitResponse);
    }

    [Fact]
    public async Task Cost_CountsFractionsAndShowsAnUnflooredRemaining()
    {
        var plugin = Plugin();
        var config = Config(WindowType.Fixed, limit: 1, strategy: TokensCountStrategy.Cost);
        await SendAsync(plugin, config, 10, cost: 0.375);

        var next = await SendAsync(plugin, config, 10, cost: 0.375);

        Assert.Equal("0.625", Header(next, "X-AI-RateLimit-Remaining-minute-anthropic"));
    }

    [Fact]
    public async Task Refusal_OnAnAiProxyRoute_UsesAnthropicsRateLimitErrorShape()
    {
        var plugin = Plugin();
        var config = Config(WindowType.Fixed, limit: 10);
        await SendAsync(plugin, config, 11);

        var refused = await SendAsync(plugin, config, 1, aiProxy: true);

        using var body = JsonDocument.Parse(refused.ExitResponse!.Value.Body!);
        Assert.Equal("error", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("rate_limit_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("AI token rate limit exceeded for provider(s): anthropic", body.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task HideClientHeaders_KeepsOnlyTheRetryHeadersOfARefusal()
    {
        var plugin = Plugin();
        var config = Config(WindowType.Fixed, limit: 10, hide: true);
        var admitted = await SendAsync(plugin, config, 11);
        var refused = await SendAsync(plugin, config, 1);

        Assert.Empty(admitted.HttpContext.Response.Headers);
        Assert.Equal(["X-AI-RateLimit-Reset", "X-AI-RateLimit-Retry-After", "Retry-After"], refused.HttpContext.Response.Headers.Keys.ToArray());
    }

    [Fact]
    public async Task SeveralWindows_EachHasItsHeadersAndTheTightestRefuses()
    {
        var plugin = Plugin();
        var config = Config(WindowType.Fixed) with
        {
            LlmProviders = [new LlmProviderConfig { Name = "anthropic", Limit = [100, 10_000], WindowSize = [60, 3600] }],
        };
        await SendAsync(plugin, config, 150);

        var refused = await SendAsync(plugin, config, 1);

        Assert.Equal("100", Header(refused, "X-AI-RateLimit-Limit-minute-anthropic"));
        Assert.Equal("10000", Header(refused, "X-AI-RateLimit-Limit-hour-anthropic"));
        Assert.Equal("9850", Header(refused, "X-AI-RateLimit-Remaining-hour-anthropic"));
        Assert.Equal("60", Header(refused, "X-AI-RateLimit-Reset-minute-anthropic"));
        Assert.Equal(string.Empty, Header(refused, "X-AI-RateLimit-Reset-hour-anthropic"));
    }

    [Fact]
    public async Task UsageOfAnotherProvider_CountsNothing()
    {
        var plugin = Plugin();
        var config = Config(WindowType.Fixed, limit: 10) with
        {
            LlmProviders = [new LlmProviderConfig { Name = "openai", Limit = [10], WindowSize = [60] }],
        };
        await SendAsync(plugin, config, 500);

        Assert.Null((await SendAsync(plugin, config, 1)).ExitResponse);
    }
}

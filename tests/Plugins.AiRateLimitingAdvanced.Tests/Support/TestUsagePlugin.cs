using System.Globalization;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Tests.Support;

/// <summary>
/// Publishes the call's usage under <see cref="AiContextKeys.Usage"/> as ai-proxy does, from the upstream's
/// <c>x-test-usage</c> (total tokens), <c>x-test-cost</c> and <c>x-test-provider</c> response headers, so a test sets
/// each call's usage without a provider. It runs in header_filter, before the budget plugin's log phase reads it.
/// </summary>
internal sealed class TestUsagePlugin : IGatewayPlugin, IHeaderFilterPhase
{
    public const string TokensHeader = "x-test-usage";
    public const string CostHeader = "x-test-cost";
    public const string ProviderHeader = "x-test-provider";

    public string Name => "test-usage";

    public int Priority => 1000;

    public string Version => "1.0.0";

    public Type ConfigType => typeof(TestUsageConfig);

    public ValueTask HeaderFilterAsync(PluginContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        if (long.TryParse(headers[TokensHeader], CultureInfo.InvariantCulture, out var tokens))
        {
            var cost = double.TryParse(headers[CostHeader], CultureInfo.InvariantCulture, out var c) ? c : 0;
            var provider = headers[ProviderHeader] is { Count: > 0 } p ? p.ToString() : "anthropic";
            context.SetShared(AiContextKeys.Usage, new AiUsage(provider, "m", "m", tokens / 2, tokens - (tokens / 2), 0, 0, cost,
                TimeSpan.Zero, null, null, false, false));
        }

        return ValueTask.CompletedTask;
    }
}

internal sealed record TestUsageConfig;

using System.Collections.Concurrent;

namespace Gateway.Plugins.AiProxy.Tests.Support;

/// <summary>Records, in its log phase, the <see cref="AiUsage"/> ai-proxy published, under the request's
/// <c>x-probe</c> header. Its priority is a budget's (905): its log phase runs before ai-proxy's, so it sees only
/// what ai-proxy published from its body filter.</summary>
internal sealed class UsageProbePlugin : IGatewayPlugin, ILogPhase
{
    public const string Header = "x-probe";

    /// <summary>What each probed request saw; null when nothing was published.</summary>
    public static ConcurrentDictionary<string, AiUsage?> Seen { get; } = new(StringComparer.Ordinal);

    public string Name => "usage-probe";
    public int Priority => 905;
    public string Version => "1.0.0";
    public Type ConfigType => typeof(UsageProbeConfig);

    public ValueTask LogAsync(PluginContext context)
    {
        var id = context.HttpContext.Request.Headers[Header].ToString();
        Seen[id] = context.TryGetShared(AiContextKeys.Usage, out var usage) ? usage : null;
        return ValueTask.CompletedTask;
    }
}

internal sealed record UsageProbeConfig;

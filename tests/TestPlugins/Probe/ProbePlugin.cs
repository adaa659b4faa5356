using System.Text;
using Gateway.Plugins;

namespace Gateway.TestPlugins.Probe;

/// <summary>A plugin in every phase that records each call as <c>name:tag:phase:requestId</c> and can exit,
/// throw, rewrite or hold back the body on demand.</summary>
internal abstract class ProbePlugin : IGatewayPlugin, IAccessPhase, IHeaderFilterPhase, IBodyFilterPhase, ILogPhase
{
    public abstract string Name { get; }
    public abstract int Priority { get; }
    public string Version => "1.0.0";
    public Type ConfigType => typeof(ProbeConfig);

    public ValueTask AccessAsync(PluginContext context)
    {
        var config = Enter(context, "access");
        if (config.SetUpstreamPath is not null)
        {
            context.Upstream.Path = config.SetUpstreamPath;
        }

        if (config.RequestHeader is not null)
        {
            context.HttpContext.Request.Headers[$"x-probe-{Name}"] = config.RequestHeader;
        }

        if (config.SerializeKey is not null)
        {
            context.SetSerializeValue(config.SerializeKey, config.SerializeValue);
        }

        if (config.ExitStatus is { } status)
        {
            context.Exit(status, config.ExitBody);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask HeaderFilterAsync(PluginContext context)
    {
        var config = Enter(context, "header_filter");
        context.HttpContext.Response.Headers[$"x-probe-{Name}"] = config.Tag;
        if (config.Uppercase || config.HoldUntilEnd)
        {
            context.HttpContext.Response.ContentLength = null;
        }

        return ValueTask.CompletedTask;
    }

    public void BodyFilter(PluginContext context, BodyChunk chunk)
    {
        var config = Enter(context, chunk.IsEndOfStream ? "body_filter:eos" : "body_filter");
        if (config.ThrowOnChunk is { } failing && ++context.GetState<ChunkCount>().Seen == failing)
        {
            throw new InvalidOperationException($"probe {Name} throws on body chunk {failing} as configured");
        }

        if (config.HoldUntilEnd)
        {
            var held = context.GetState<StringBuilder>();
            held.Append(Encoding.UTF8.GetString(chunk.Data.Span));
            if (chunk.IsEndOfStream)
            {
                chunk.Replace(Encoding.UTF8.GetBytes($"[held:{held}]"));
            }
            else
            {
                chunk.Suppress();
            }
        }
        else if (config.Uppercase && !chunk.Data.IsEmpty)
        {
            chunk.Replace(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(chunk.Data.Span).ToUpperInvariant()));
        }
    }

    public ValueTask LogAsync(PluginContext context)
    {
        var config = Enter(context, "log");
        if (config.RecordAiUsage)
        {
            ProbeRecorder.Record($"{Name}:{config.Tag}:ai-usage={Describe(context)}:{context.RequestId}");
        }

        return ValueTask.CompletedTask;
    }

    private static string Describe(PluginContext context) =>
        context.TryGetShared(AiContextKeys.Usage, out var u)
            ? FormattableString.Invariant($"{u.Provider}/{u.RequestModel}/{u.ResponseModel}/{u.PromptTokens}/{u.CompletionTokens}/{u.CacheReadTokens}/{u.CacheWriteTokens}/{u.TotalTokens}/{u.Cost:R}/{u.ProviderLatency.TotalMilliseconds}/{u.TimeToFirstToken?.TotalMilliseconds}/{u.Streaming}/{u.Incomplete}")
            : "none";

    private ProbeConfig Enter(PluginContext context, string phase)
    {
        var config = context.GetConfig<ProbeConfig>();
        ProbeRecorder.Record($"{Name}:{config.Tag}:{phase}:{context.RequestId}");
        if (config.ThrowIn is not null && phase.StartsWith(config.ThrowIn, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"probe {Name} throws in {phase} as configured");
        }

        return config;
    }
}

internal sealed class ProbeHigh : ProbePlugin
{
    public override string Name => "probe-high";
    public override int Priority => 1000;
}

internal sealed class ProbeLow : ProbePlugin
{
    public override string Name => "probe-low";
    public override int Priority => 5;
}

internal sealed class ProbeTieA : ProbePlugin
{
    public override string Name => "probe-tie-a";
    public override int Priority => 100;
}

internal sealed class ProbeTieB : ProbePlugin
{
    public override string Name => "probe-tie-b";
    public override int Priority => 100;
}

/// <summary>Runs before key-auth (1250): a consumer-scoped instance of it can never apply (Kong's lazy resolution).</summary>
internal sealed class ProbeFirst : ProbePlugin
{
    public override string Name => "probe-first";
    public override int Priority => 2000;
}

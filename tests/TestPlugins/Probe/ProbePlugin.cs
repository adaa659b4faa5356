using System.Text;
using System.Text.Json;
using Gateway.Plugins;

namespace Gateway.TestPlugins.Probe;

/// <summary>A plugin in every phase that records each call as <c>name:tag:phase:requestId</c> and can exit,
/// throw, rewrite or hold back the body on demand, track disposable state and try context calls.</summary>
internal abstract class ProbePlugin : IGatewayPlugin, IConfigurePhase, IAccessPhase, IHeaderFilterPhase, IBodyFilterPhase, ILogPhase
{
    public abstract string Name { get; }
    public abstract int Priority { get; }
    public string Version => "1.0.0";
    public Type ConfigType => typeof(ProbeConfig);

    /// <summary>Prepares a label per instance, which access records: the value each request reads back is its
    /// own instance's.</summary>
    public ValueTask ConfigureAsync(IReadOnlyList<PluginInstance> instances, CancellationToken cancellationToken)
    {
        foreach (var instance in instances)
        {
            instance.SetPrepared(new ProbePrepared($"prepared={((ProbeConfig)instance.Config).Tag}@{instance.Scope}"));
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask AccessAsync(PluginContext context)
    {
        var config = Enter(context, "access");
        if (config.RecordPrepared)
        {
            ProbeRecorder.Record($"{Name}:{config.Tag}:{context.GetPrepared<ProbePrepared>().Label}:{context.RequestId}");
        }

        if (config.ReadBodyInAccess)
        {
            await context.ReadRequestBodyAsync(0);
        }

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
        if (config.TrackState)
        {
            var tracked = context.GetState<TrackedAsyncState>();
            tracked.Label ??= $"{Name}:{config.Tag}:dispose-async:{context.RequestId}";
            tracked.Throws = config.DisposeThrows;
            context.GetState<TrackedSyncState>().Label ??= $"{Name}:{config.Tag}:dispose-sync:{context.RequestId}";
        }

        if (config.Misuse is not null && config.MisuseIn is { } misuseIn && phase.StartsWith(misuseIn, StringComparison.Ordinal) && phase != "body_filter:eos")
        {
            ProbeRecorder.Record($"{Name}:{config.Tag}:{config.Misuse}@{phase}={Try(context, config.Misuse)}:{context.RequestId}");
        }

        if (config.ThrowIn is not null && phase.StartsWith(config.ThrowIn, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"probe {Name} throws in {phase} as configured");
        }

        return config;
    }

    private static string Try(PluginContext context, string call)
    {
        try
        {
            switch (call)
            {
                case "exit":
                    context.Exit(418);
                    break;
                case "set_request_body":
                    context.SetRequestBody("late"u8.ToArray());
                    break;
                case "read_request_body":
                    var body = context.ReadRequestBodyAsync(0).AsTask().GetAwaiter().GetResult();
                    return "ok " + Encoding.UTF8.GetString(body.Data.Span);
                case "set_upstream":
                    context.Upstream.Path = "/late";
                    break;
                case "write_log_entry":
                    using (var writer = new Utf8JsonWriter(Stream.Null))
                    {
                        context.WriteLogEntry(writer);
                    }

                    break;
                case "set_prepared":
                    context.Instance.SetPrepared(new ProbePrepared("late"));
                    break;
                default:
                    return "unknown call " + call;
            }

            return "ok";
        }
        catch (Exception ex)
        {
            return $"{ex.GetType().Name} {ex.Message}";
        }
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

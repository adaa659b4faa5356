using System.ComponentModel.DataAnnotations;

namespace Gateway.Plugins.Testing.Tests.Plugins;

/// <summary>A small plugin in every request phase, written as an outside author would: stamps the upstream request
/// and the response with a header, upper-cases the body on request, and records what it saw in the log entry.</summary>
internal sealed class StampPlugin : IGatewayPlugin, IAccessPhase, IHeaderFilterPhase, IBodyFilterPhase, ILogPhase
{
    public string Name => "stamp";
    public int Priority => 1000;
    public string Version => "1.0.0";
    public Type ConfigType => typeof(StampConfig);

    public ValueTask AccessAsync(PluginContext context)
    {
        var config = context.GetConfig<StampConfig>();
        if (config.RejectWith is { } status)
        {
            context.Exit(status, """{"message":"stamped out"}""");
            return ValueTask.CompletedTask;
        }

        context.HttpContext.Request.Headers[config.HeaderName] = config.Value;
        context.SetSerializeValue("stamp.access", config.Value);
        return ValueTask.CompletedTask;
    }

    public ValueTask HeaderFilterAsync(PluginContext context)
    {
        var config = context.GetConfig<StampConfig>();
        context.HttpContext.Response.Headers[config.HeaderName] = config.Value;
        if (config.Uppercase)
        {
            context.HttpContext.Response.ContentLength = null;
        }

        return ValueTask.CompletedTask;
    }

    public void BodyFilter(PluginContext context, BodyChunk chunk)
    {
        if (context.GetConfig<StampConfig>().Uppercase && !chunk.Data.IsEmpty)
        {
            var upper = System.Text.Encoding.UTF8.GetString(chunk.Data.Span).ToUpperInvariant();
            chunk.Replace(System.Text.Encoding.UTF8.GetBytes(upper));
        }
    }

    public ValueTask LogAsync(PluginContext context)
    {
        context.SetSerializeValue("stamp.upstream_status", context.UpstreamStatusCode);
        return ValueTask.CompletedTask;
    }
}

internal sealed record StampConfig
{
    [Required]
    [RegularExpression("^[a-z][a-z0-9-]*$")]
    public string HeaderName { get; init; } = "x-stamp";

    [Required]
    public string Value { get; init; } = "stamped";

    public bool Uppercase { get; init; }

    [Range(400, 599)]
    public int? RejectWith { get; init; }
}

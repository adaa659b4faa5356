using System.Globalization;

namespace Gateway.Plugins.FileLog.Tests.Support;

/// <summary>Numbers each log entry from the request's <c>x-n</c> header (and pads it with <c>x-pad</c> bytes), in
/// a log phase that runs before file-log's (a higher priority), so tests can tell exactly which entries a file
/// holds.</summary>
internal sealed class EntryNumberPlugin : IGatewayPlugin, ILogPhase
{
    public string Name => "entry-number";
    public int Priority => 1000;
    public string Version => "1.0.0";
    public Type ConfigType => typeof(EntryNumberConfig);

    public ValueTask LogAsync(PluginContext context)
    {
        var headers = context.HttpContext.Request.Headers;
        if (int.TryParse(headers["x-n"], CultureInfo.InvariantCulture, out var n))
        {
            context.SetSerializeValue("n", n);
        }

        if (int.TryParse(headers["x-pad"], CultureInfo.InvariantCulture, out var pad))
        {
            context.SetSerializeValue("pad", new string('x', pad));
        }

        return ValueTask.CompletedTask;
    }
}

internal sealed record EntryNumberConfig;

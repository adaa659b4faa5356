namespace Gateway.Plugins.Testing.Tests.Plugins;

/// <summary>Another class that calls itself "stamp": present in the assembly but never handed to the gateway, so
/// loading <see cref="StampPlugin"/> must not register it (two plugins of one name refuse to start).</summary>
internal sealed class DuplicateStampPlugin : IGatewayPlugin, IAccessPhase
{
    public string Name => "stamp";
    public int Priority => 1;
    public string Version => "0.0.1";
    public Type ConfigType => typeof(StampConfig);

    public ValueTask AccessAsync(PluginContext context) => throw new InvalidOperationException("never loaded");
}

/// <summary>A plugin whose configure phase refuses its config, as a plugin with a bad certificate path would.</summary>
internal sealed class FragilePlugin : IGatewayPlugin, IConfigurePhase
{
    public string Name => "fragile";
    public int Priority => 10;
    public string Version => "1.0.0";
    public Type ConfigType => typeof(FragileConfig);

    public ValueTask ConfigureAsync(IReadOnlyList<PluginInstance> instances, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("cannot open the key file");
}

internal sealed record FragileConfig;

/// <summary>Sets a log value System.Text.Json cannot write: a property that throws.</summary>
internal sealed class UnserializablePlugin : IGatewayPlugin, IAccessPhase
{
    public string Name => "unserializable";
    public int Priority => 10;
    public string Version => "1.0.0";
    public Type ConfigType => typeof(FragileConfig);

    public ValueTask AccessAsync(PluginContext context)
    {
        context.SetSerializeValue("bad", new Unwritable());
        return ValueTask.CompletedTask;
    }

    internal sealed class Unwritable
    {
        public string Value => throw new InvalidOperationException("not today");
    }
}

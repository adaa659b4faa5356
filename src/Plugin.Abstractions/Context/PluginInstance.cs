namespace Gateway.Plugins;

/// <summary>
/// One configured instance of a plugin: a <c>plugins[]</c> entry of the declarative config. A class, not a record:
/// an instance is one identity that carries what its configure phase prepared, not a value to compare.
/// </summary>
/// <param name="id">The instance id (the config's <c>id</c>, or a stable UUID derived from its scope).</param>
/// <param name="config">The bound, validated config object, of the plugin's <see cref="IGatewayPlugin.ConfigType"/>.</param>
/// <param name="scope">Where the instance applies, for example <c>global</c> or <c>route:chat</c>.</param>
public sealed class PluginInstance(string id, object config, string scope)
{
    private object? _prepared;
    private bool _sealed;

    /// <summary>The instance id (the config's <c>id</c>, or a stable UUID derived from its scope).</summary>
    public string Id { get; } = id;

    /// <summary>The bound, validated config object, of the plugin's <see cref="IGatewayPlugin.ConfigType"/>.</summary>
    public object Config { get; } = config;

    /// <summary>Where the instance applies, for example <c>global</c> or <c>route:chat</c>.</summary>
    public string Scope { get; } = scope;

    /// <summary>
    /// Attaches what the configure phase built for this instance (compiled templates, a parsed endpoint, a client),
    /// which the request phases read back with <see cref="PluginContext.GetPrepared{T}"/>. Call it in
    /// <see cref="IConfigurePhase.ConfigureAsync"/>; a second call replaces the value. The host owns nothing of it:
    /// dispose what needs disposing with the plugin.
    /// </summary>
    /// <param name="value">The prepared value.</param>
    /// <exception cref="InvalidOperationException">Called after the configure phase, once requests may read it.</exception>
    public void SetPrepared(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_sealed)
        {
            throw new InvalidOperationException($"plugin instance {Id}: SetPrepared is only allowed in the configure phase");
        }

        _prepared = value;
    }

    /// <summary>The value <see cref="SetPrepared"/> attached.</summary>
    /// <typeparam name="T">The prepared value's type.</typeparam>
    /// <exception cref="InvalidOperationException">No value of type <typeparamref name="T"/> was prepared.</exception>
    public T GetPrepared<T>() where T : class => _prepared as T ?? throw new InvalidOperationException(
        _prepared is null
            ? $"plugin instance {Id} has no prepared value; set one with PluginInstance.SetPrepared in the configure phase"
            : $"plugin instance {Id} has a prepared {_prepared.GetType().Name}, not a {typeof(T).Name}");

    /// <summary>Called by the host once the configure phase ran, before requests are served.</summary>
    internal void Seal() => _sealed = true;
}

namespace Gateway.Plugins;

/// <summary>One configured instance of a plugin: a <c>plugins[]</c> entry of the declarative config.</summary>
/// <param name="Id">The instance id (the config's <c>id</c>, or a stable UUID derived from its scope).</param>
/// <param name="Config">The bound, validated config object, of the plugin's <see cref="IGatewayPlugin.ConfigType"/>.</param>
/// <param name="Scope">Where the instance applies, for example <c>global</c> or <c>route:chat</c>.</param>
public sealed record PluginInstance(string Id, object Config, string Scope);

namespace Gateway.Plugins;

/// <summary>
/// A gateway plugin: the equivalent of a Kong plugin handler. A plugin takes part in a request through the phase
/// interfaces it implements (<see cref="IAccessPhase"/>, <see cref="IHeaderFilterPhase"/>,
/// <see cref="IBodyFilterPhase"/>, <see cref="ILogPhase"/>) and, optionally, <see cref="IConfigurePhase"/>.
/// </summary>
/// <remarks>
/// The host creates one instance per plugin type (a singleton resolved from dependency injection) and calls it for
/// every request on which one of its configured instances applies; per-request data belongs in
/// <see cref="PluginContext"/>, never in fields.
/// </remarks>
public interface IGatewayPlugin
{
    /// <summary>The unique kebab-case name used in the declarative config, for example <c>ai-proxy</c>.</summary>
    string Name { get; }

    /// <summary>Execution priority: higher runs first in every phase (Kong's <c>PRIORITY</c>).</summary>
    int Priority { get; }

    /// <summary>The plugin's own version, a SemVer 2.0 string such as <c>1.4.0</c> or <c>2.0.0-beta.1</c>; the
    /// startup log and <c>check</c> show it, and a value that is not SemVer stops the gateway at startup.</summary>
    string Version { get; }

    /// <summary>
    /// The type the host binds each instance's <c>config</c> object to. Property names map to snake_case keys; a
    /// key with no property, or a value of the wrong type, is a configuration error. The type may implement
    /// <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> for cross-field rules.
    /// </summary>
    Type ConfigType { get; }
}

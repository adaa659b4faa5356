using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Host.Configuration.Binding;

namespace Gateway.Plugins.Testing;

/// <summary>
/// Binds a plugin's <c>config</c> object with the gateway's own binder, so a test sees exactly what an operator
/// would: snake_case keys, unknown keys and wrong types rejected, then DataAnnotations and
/// <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> on every nested object.
/// </summary>
public static class PluginConfig
{
    private const string Source = "plugin";

    /// <summary>Binds and validates <paramref name="json"/>.</summary>
    /// <typeparam name="TConfig">The plugin's config type.</typeparam>
    /// <param name="json">The <c>config</c> object as JSON, e.g. <c>{"header_name": "x-stamp"}</c>.</param>
    /// <returns>The bound config.</returns>
    /// <exception cref="PluginConfigException">The config is invalid; its <see cref="PluginConfigException.Errors"/>
    /// lists every problem.</exception>
    public static TConfig Bind<TConfig>(string json) where TConfig : class
    {
        var (config, errors) = TryBind(typeof(TConfig), json);
        return errors.Count == 0 ? (TConfig)config! : throw new PluginConfigException(errors);
    }

    /// <summary>The problems the gateway reports for <paramref name="json"/>, one line each, naming the decK
    /// field (<c>config.path: ...</c>); empty when the config is valid.</summary>
    /// <typeparam name="TConfig">The plugin's config type.</typeparam>
    /// <param name="json">The <c>config</c> object as JSON.</param>
    /// <returns>The error lines.</returns>
    public static IReadOnlyList<string> Validate<TConfig>(string json) where TConfig : class => TryBind(typeof(TConfig), json).Errors;

    private static (object? Config, IReadOnlyList<string> Errors) TryBind(Type configType, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"not valid JSON: {ex.Message}", nameof(json), ex);
        }

        if (node is not JsonObject config)
        {
            return (null, ["config: must be an object"]);
        }

        var errors = new List<string>();
        var bound = PluginConfigBinder.Bind(configType, config, Source, errors);
        // The binder prefixes each line with where the instance was declared; here there is no file to name.
        return (bound, [.. errors.Select(e => e.StartsWith(Source + ": ", StringComparison.Ordinal) ? e[(Source.Length + 2)..] : e)]);
    }
}

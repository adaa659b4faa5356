namespace Gateway.Plugins;

/// <summary>
/// A typed key for state shared between plugins on one request (Kong's <c>kong.ctx.shared</c>, without string
/// collisions). Declare keys as <c>static readonly</c> fields. Values must be BCL types or types from this
/// assembly: each plugin lives in its own load context, so a plugin's own types are not castable in another.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="name">A descriptive name, used in diagnostics only.</param>
public sealed class ContextKey<T>(string name)
{
    /// <summary>The descriptive name.</summary>
    public string Name { get; } = name;

    /// <inheritdoc />
    public override string ToString() => Name;
}

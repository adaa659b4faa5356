namespace Gateway.Plugins;

/// <summary>
/// Kong's consumer entity as plugins see it: who is calling, once an auth plugin identified them
/// (<see cref="PluginContext.Consumer"/>). Declared under <c>consumers[]</c> in the declarative config.
/// </summary>
/// <param name="Id">The consumer's id (the config's <c>id</c>, or a stable UUID derived from its username or
/// custom_id).</param>
/// <param name="Username">The unique username, when set.</param>
/// <param name="CustomId">The unique custom id (an id in another system), when set.</param>
public sealed record Consumer(string Id, string? Username, string? CustomId)
{
    /// <summary>The consumer's tags, in declaration order.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The name to show for this consumer: the username, else the custom id, else the id (the order
    /// Kong's Prometheus <c>consumer</c> label uses).</summary>
    public string DisplayName => Username ?? CustomId ?? Id;
}

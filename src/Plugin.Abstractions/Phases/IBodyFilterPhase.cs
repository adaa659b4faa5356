namespace Gateway.Plugins;

/// <summary>
/// Kong's <c>body_filter</c> phase: called for every response chunk as it arrives, then once more with
/// <see cref="BodyChunk.IsEndOfStream"/> set. The call is synchronous because it sits on the streaming path:
/// do no I/O here.
/// </summary>
public interface IBodyFilterPhase
{
    /// <summary>Filters one chunk. Leave it alone to pass it on, or call <see cref="BodyChunk.Replace"/> or
    /// <see cref="BodyChunk.Suppress"/>.</summary>
    /// <param name="context">The request's context, positioned on this plugin's instance.</param>
    /// <param name="chunk">The chunk as the previous plugin left it.</param>
    void BodyFilter(PluginContext context, BodyChunk chunk);
}

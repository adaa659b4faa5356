namespace Gateway.Plugins;

/// <summary>The result of <see cref="PluginContext.ReadRequestBodyAsync"/>.</summary>
/// <param name="Data">The body, valid until the request ends; empty when <paramref name="TooLarge"/>.</param>
/// <param name="TooLarge">True when the body exceeded the limit; nothing past the limit was read.</param>
public readonly record struct RequestBody(ReadOnlyMemory<byte> Data, bool TooLarge);

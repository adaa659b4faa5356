namespace Gateway.Host.Configuration.Declarative;

/// <summary>One declarative config file; <see cref="Name"/> is the path shown in error messages.</summary>
internal sealed record ConfigSource(string Name, string Text);

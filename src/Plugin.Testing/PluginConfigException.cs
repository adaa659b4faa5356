namespace Gateway.Plugins.Testing;

/// <summary>A plugin config the gateway would refuse, with every problem it reports.</summary>
public sealed class PluginConfigException : Exception
{
    /// <summary>Creates the exception from the gateway's error lines.</summary>
    /// <param name="errors">One line per problem.</param>
    public PluginConfigException(IReadOnlyList<string> errors)
        : base($"invalid plugin config: {string.Join("; ", errors)}")
    {
        Errors = errors;
    }

    /// <summary>One line per problem, naming the decK field (<c>config.path: ...</c>).</summary>
    public IReadOnlyList<string> Errors { get; }
}

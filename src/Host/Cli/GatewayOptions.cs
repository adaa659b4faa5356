namespace Gateway.Host.Cli;

/// <summary>The gateway's own command line; everything it does not know goes to ASP.NET Core (e.g. <c>--urls</c>).</summary>
internal sealed record GatewayOptions
{
    public const string DefaultUrl = "http://127.0.0.1:8000";

    /// <summary>nginx's <c>client_body_timeout</c> default.</summary>
    public static readonly TimeSpan DefaultClientBodyTimeout = TimeSpan.FromSeconds(60);

    public IReadOnlyList<string> ConfigFiles { get; init; } = [];
    public string? PluginCatalog { get; init; }

    /// <summary>Where drop-in plugins are found and, in a published gateway, the bundled ones: <c>plugins/</c>
    /// beside the host unless <c>--plugin-dir</c> says otherwise.</summary>
    public string PluginFolder { get; init; } = Path.Combine(AppContext.BaseDirectory, "plugins");
    public bool Check { get; init; }
    public bool Help { get; init; }

    /// <summary>The longest the client may leave the gateway waiting for the next piece of its request body
    /// (nginx's <c>client_body_timeout</c>): past it the request is answered 408.</summary>
    public TimeSpan ClientBodyTimeout { get; init; } = DefaultClientBodyTimeout;
    public IReadOnlyList<string> HostArgs { get; init; } = [];

    /// <summary>Plugin classes given as types by code that embeds the gateway (the testing package), loaded beside
    /// the catalog's (<see cref="Loading.InProcessPlugins"/>); there is no command-line form.</summary>
    public IReadOnlyList<Type> InProcessPlugins { get; init; } = [];
    /// <summary>Where the status listener (Kong's <c>status_listen</c>) listens, <c>;</c>-separated like
    /// <c>--urls</c>; null keeps it off.</summary>
    public string? StatusUrls { get; init; }

    public static GatewayOptions Parse(IReadOnlyList<string> args)
    {
        var configs = new List<string>();
        var rest = new List<string>();
        string? plugins = null;
        string? pluginFolder = null;
        string? statusUrls = null;
        var bodyTimeout = DefaultClientBodyTimeout;
        bool check = false, help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (i == 0 && arg == "check")
            {
                check = true;
            }
            else if (arg is "--check")
            {
                check = true;
            }
            else if (arg is "-h" or "--help")
            {
                help = true;
            }
            else if (TryValue(args, ref i, "--config", out var config))
            {
                configs.Add(config);
            }
            else if (TryValue(args, ref i, "--plugins", out var catalog))
            {
                plugins = catalog;
            }
            else if (TryValue(args, ref i, "--plugin-dir", out var folder))
            {
                pluginFolder = Path.GetFullPath(folder);
            }
            else if (TryValue(args, ref i, "--status-urls", out var urls))
            {
                statusUrls = urls.Trim().Length > 0 ? urls.Trim() : throw new ArgumentException("--status-urls needs a URL, e.g. http://127.0.0.1:8100");
            }
            else if (TryValue(args, ref i, "--client-body-timeout", out var seconds))
            {
                bodyTimeout = Seconds("--client-body-timeout", seconds);
            }
            else
            {
                rest.Add(arg);
            }
        }

        var options = new GatewayOptions { ConfigFiles = configs, PluginCatalog = plugins, Check = check, Help = help, ClientBodyTimeout = bodyTimeout, HostArgs = rest, StatusUrls = statusUrls };
        return pluginFolder is null ? options : options with { PluginFolder = pluginFolder };
    }

    public bool HasUrls => HostArgs.Any(a => a.StartsWith("--urls", StringComparison.Ordinal))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("URLS"));

    private static TimeSpan Seconds(string name, string value)
    {
        var text = value.EndsWith('s') ? value[..^1] : value;
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || double.IsNaN(seconds) || seconds <= 0 || seconds > int.MaxValue / 1000)
        {
            throw new ArgumentException($"{name} must be a number of seconds greater than 0 (e.g. 60 or 2.5), not '{value}'");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static bool TryValue(IReadOnlyList<string> args, ref int i, string name, out string value)
    {
        var arg = args[i];
        if (arg.StartsWith(name + "=", StringComparison.Ordinal))
        {
            value = arg[(name.Length + 1)..];
            return true;
        }

        if (arg == name)
        {
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value");
            }

            value = args[++i];
            return true;
        }

        value = string.Empty;
        return false;
    }

    public const string Usage = """
        Usage: gateway [check] [--config FILE]... [--plugins plugins.json] [--plugin-dir DIR] [--client-body-timeout SECONDS] [--status-urls URL] [--check] [--urls URL]

          --config FILE     A Kong declarative config (decK YAML or JSON, _format_version "3.0"). Repeat to apply
                            several files in order, like consecutive 'deck gateway apply' runs.
                            Without --config the embedded Claude Code setup is used (needs DECK_ANTHROPIC_API_KEY).
          --plugins FILE    The plugin catalog (default: plugins.json in the current folder or a folder above it,
                            else beside the host or above it). "bundled" in it means the plugins shipped with the gateway.
          --plugin-dir DIR  Drop-in plugins: each DIR/<Name>/<Name>.dll is loaded without a catalog entry
                            (default: the plugins folder beside the host).
          --client-body-timeout SECONDS
                            The longest a client may pause while sending its request body (default 60, like
                            nginx's client_body_timeout); past it the request is answered 408.
          --status-urls URL The status listener, like Kong's status_listen (off by default), e.g.
                            http://127.0.0.1:8100: GET /status, /status/ready and the plugins' endpoints
                            (prometheus: /metrics). Never served on the proxy listener.
          --check, check    Validate plugins and config, print the result and exit 0 (valid) or 1 (invalid).
          --urls URL        Where to listen (default http://127.0.0.1:8000, Kong's proxy port).

        Usage: gateway usage --log FILE... [--since DATE] [--until DATE] [--by day|model|session|route] [--json] [--html FILE]

          Summarises file-log lines (requests, tokens by type, cache hit ratio, cost, errors, time to first token)
          instead of serving; 'gateway usage --help' explains the options.
        """;
}

namespace Gateway.Plugins;

/// <summary>
/// Where the request goes upstream. The host fills it from the matched service and route (Kong's strip_path
/// rules); an access-phase plugin may override any part of it (Kong's <c>kong.service.set_target</c>,
/// <c>set_path</c> and <c>set_scheme</c>). After the access phase the request has gone: every setter throws
/// <see cref="InvalidOperationException"/>, rather than silently changing nothing.
/// </summary>
public sealed class UpstreamTarget
{
    private string _scheme = "http";
    private string _host = "localhost";
    private int _port = 80;
    private string _path = "/";
    private string _query = string.Empty;
    private bool _preserveHost;
    private bool _sealed;

    /// <summary><c>http</c> or <c>https</c>.</summary>
    public string Scheme { get => _scheme; set => _scheme = Writable(value); }

    /// <summary>The host name or address.</summary>
    public string Host { get => _host; set => _host = Writable(value); }

    /// <summary>The TCP port.</summary>
    public int Port { get => _port; set => _port = Writable(value); }

    /// <summary>The path, starting with <c>/</c>, already percent-encoded.</summary>
    public string Path { get => _path; set => _path = Writable(value); }

    /// <summary>The query string including its leading <c>?</c>, or empty.</summary>
    public string Query { get => _query; set => _query = Writable(value); }

    /// <summary>Whether the client's <c>Host</c> header is sent upstream (the route's <c>preserve_host</c>).
    /// When false the target host is sent.</summary>
    public bool PreserveHost { get => _preserveHost; set => _preserveHost = Writable(value); }

    /// <summary>The path and query as sent upstream, for example <c>/v1/messages?beta=true</c>.</summary>
    public string PathAndQuery => Path + Query;

    /// <summary>Called by the host when the access phase ends.</summary>
    internal void Seal() => _sealed = true;

    private T Writable<T>(T value) => _sealed
        ? throw new InvalidOperationException("the upstream target can only be changed in the access phase")
        : value;
}

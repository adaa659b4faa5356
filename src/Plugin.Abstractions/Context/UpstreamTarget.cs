namespace Gateway.Plugins;

/// <summary>
/// Where the request goes upstream. The host fills it from the matched service and route (Kong's strip_path
/// rules); an access-phase plugin may override any part of it (Kong's <c>kong.service.set_target</c>,
/// <c>set_path</c> and <c>set_scheme</c>).
/// </summary>
public sealed class UpstreamTarget
{
    /// <summary><c>http</c> or <c>https</c>.</summary>
    public string Scheme { get; set; } = "http";

    /// <summary>The host name or address.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>The TCP port.</summary>
    public int Port { get; set; } = 80;

    /// <summary>The path, starting with <c>/</c>, already percent-encoded.</summary>
    public string Path { get; set; } = "/";

    /// <summary>The query string including its leading <c>?</c>, or empty.</summary>
    public string Query { get; set; } = string.Empty;

    /// <summary>Whether the client's <c>Host</c> header is sent upstream (the route's <c>preserve_host</c>).
    /// When false the target host is sent.</summary>
    public bool PreserveHost { get; set; }

    /// <summary>The path and query as sent upstream, for example <c>/v1/messages?beta=true</c>.</summary>
    public string PathAndQuery => Path + Query;
}

namespace Gateway.Plugins.KeyAuth;

/// <summary>Per-request state: whether this plugin refused the request with a 401 (its header_filter then adds
/// the <c>WWW-Authenticate</c> challenge to the generated response).</summary>
internal sealed class KeyAuthState
{
    public bool Challenged { get; set; }
}

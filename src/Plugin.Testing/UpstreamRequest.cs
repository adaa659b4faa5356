using System.Text;

namespace Gateway.Plugins.Testing;

/// <summary>A request as the upstream received it from the gateway: what the plugins under test made of the
/// client's request.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query string, as sent (<c>/v1/messages?beta=true</c>).</param>
/// <param name="Headers">The request headers by case-insensitive name; the values of a repeated header are joined
/// with <c>,</c>.</param>
/// <param name="Body">The request body's bytes (empty when there was none).</param>
public sealed record UpstreamRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body)
{
    /// <summary>The body decoded as UTF-8.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);
}

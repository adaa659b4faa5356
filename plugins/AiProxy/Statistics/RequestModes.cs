using Gateway.Plugins.AiProxy.Request;

namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary><c>meta.request_mode</c>: Kong's <c>stream</c> / <c>oneshot</c> for Messages calls, and names of our
/// own for the calls that generate nothing.</summary>
internal static class RequestModes
{
    public static string For(RequestKind kind, bool streaming) => kind switch
    {
        RequestKind.Messages => streaming ? "stream" : "oneshot",
        RequestKind.CountTokens => "count_tokens",
        RequestKind.Models => "models",
        _ => "passthrough",
    };
}

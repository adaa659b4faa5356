using System.Text;
using Gateway.Plugins.AiProxy.Buffers;
using Gateway.Plugins.AiProxy.Configuration;

namespace Gateway.Plugins.AiProxy.Request;

/// <summary>
/// With <c>logging.log_payloads</c>, keeps a request body for the log (cut at <see cref="Limits.PayloadBytes"/> on
/// a UTF-8 boundary): first as the client sent it, then, where the gateway rewrote or translated it, as it went
/// upstream.
/// </summary>
internal static class CaptureRequestPayload
{
    public static void Run(AiProxyConfig config, AiProxyRequestState state, ReadOnlySpan<byte> body)
    {
        if (config.Logging.LogPayloads)
        {
            var length = Utf8Boundary.Floor(body, Limits.PayloadBytes);
            state.RequestPayload = Encoding.UTF8.GetString(body[..length]);
            state.RequestPayloadTruncated = length < body.Length;
        }
    }
}

using Gateway.MockAnthropic.Recording;
using Microsoft.AspNetCore.Http;

namespace Gateway.MockAnthropic.Http;

/// <summary>Sends <c>{"type":"error","error":{"type":…,"message":…},"request_id":…}</c> like the real API.</summary>
internal static class ErrorResponder
{
    public static Task SendAsync(HttpContext context, Exchange exchange, int status, CancellationToken cancellationToken)
    {
        var (type, message) = AnthropicErrors.ForStatus(status);
        return SendAsync(context, exchange, status, type, message, cancellationToken);
    }

    public static Task SendAsync(
        HttpContext context,
        Exchange exchange,
        int status,
        string type,
        string message,
        CancellationToken cancellationToken)
    {
        if (AnthropicErrors.HasRetryAfter(status))
        {
            // One second keeps retrying clients quick in tests while still exercising the header.
            context.Response.Headers.RetryAfter = "1";
        }

        var requestId = context.Response.Headers[RequestIdHeader.Name].ToString();
        return JsonResponder.SendAsync(
            context,
            exchange,
            status,
            (type, message, requestId),
            static (w, s) =>
            {
                w.WriteStartObject();
                w.WriteString("type"u8, "error"u8);
                w.WriteStartObject("error"u8);
                w.WriteString("type"u8, s.type);
                w.WriteString("message"u8, s.message);
                w.WriteEndObject();
                w.WriteString("request_id"u8, s.requestId);
                w.WriteEndObject();
            },
            cancellationToken);
    }
}

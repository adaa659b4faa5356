using Gateway.MockAnthropic.Http;
using Gateway.MockAnthropic.Parsing;
using Gateway.MockAnthropic.Recording;
using Gateway.MockAnthropic.Replies;
using Microsoft.AspNetCore.Http;

namespace Gateway.MockAnthropic.Endpoints;

/// <summary><c>POST /v1/messages/count_tokens</c>: the same prompt count a message would report, uncached.</summary>
internal static class CountTokensEndpoint
{
    public static async Task HandleAsync(
        HttpContext context, Exchange exchange, RequestBodyBuffer body, CancellationToken cancellationToken)
    {
        if (MessagesRequestParser.Parse(body.Memory, out var error) is null)
        {
            await ErrorResponder.SendAsync(context, exchange, 400, "invalid_request_error", error, cancellationToken);
            return;
        }

        var tokens = UsageCalculator.PromptTokens(body.Length);
        await JsonResponder.SendAsync(
            context,
            exchange,
            StatusCodes.Status200OK,
            tokens,
            static (w, n) =>
            {
                w.WriteStartObject();
                w.WriteNumber("input_tokens"u8, n);
                w.WriteEndObject();
            },
            cancellationToken);
    }
}

using System.Text;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Pipeline;

/// <summary>
/// Sends an exit or gateway error the way Kong does: status and headers first go through header_filter, the body
/// through body_filter in one end-of-stream call, so a plugin can reshape the gateway's own errors.
/// </summary>
internal static class GeneratedResponseWriter
{
    public static async ValueTask WriteAsync(RequestContext context, ILogger logger)
    {
        var generated = context.Outcome!.Response!;
        var response = context.HttpContext.Response;
        // The request is refused, or its body is broken, too slow or over a limit and the rest of it will not be
        // read: the connection is not reused after the answer (nginx turns keep-alive off for these), even when a
        // failing filter turns the answer into a 500.
        var close = context.BodyFault is not null || context.Outcome.Blame == Blame.Client;
        var body = Start(context, generated, close);
        if (generated.SkipsFilters)
        {
            await WriteBodyAsync(context, body);
            return;
        }

        if (!await PhaseRunner.HeaderFilterAsync(context, logger))
        {
            // Kong's 500, sent as is: the filters already failed once on this response.
            context.Conclude(RequestOutcome.FilterFailed(sentStatus: null));
            await WriteBodyAsync(context, Start(context, context.Outcome.Response!, close));
            return;
        }

        ReadOnlyMemory<byte> output = body;
        if (context.Chain.BodyFilter.Length > 0)
        {
            context.Chunk.Reset(body, isEndOfStream: true);
            if (!PhaseRunner.BodyFilter(context, logger))
            {
                // Nothing is sent before the body, so the failure still gets Kong's 500 (with the request id).
                context.Conclude(RequestOutcome.FilterFailed(sentStatus: null));
                await WriteBodyAsync(context, Start(context, context.Outcome.Response!, close));
                return;
            }

            output = context.Chunk.Data;
        }

        // The gateway knows the final length whatever the filters did.
        response.ContentLength = output.Length;
        await WriteBodyAsync(context, output);
    }

    // Status and headers of a fresh response (whatever an upstream or a filter had set is dropped); returns the body.
    private static byte[] Start(RequestContext context, GeneratedResponse generated, bool close)
    {
        var response = context.HttpContext.Response;
        response.Clear();
        response.Headers[GatewayMiddleware.RequestIdHeader] = context.RequestId;
        response.StatusCode = generated.StatusCode;
        if (close)
        {
            response.Headers.Connection = "close";
        }

        var body = generated.Body is null ? [] : Encoding.UTF8.GetBytes(generated.Body);
        if (generated.ContentType is not null)
        {
            response.ContentType = generated.ContentType;
        }

        response.ContentLength = body.Length;
        return body;
    }

    private static async ValueTask WriteBodyAsync(RequestContext context, ReadOnlyMemory<byte> body)
    {
        context.ResponseBodyBytes = body.Length;
        if (body.Length > 0)
        {
            await context.HttpContext.Response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
        }

        context.ResponseEnded = System.Diagnostics.Stopwatch.GetTimestamp();
    }
}

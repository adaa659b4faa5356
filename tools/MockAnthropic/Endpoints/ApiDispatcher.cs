using Gateway.MockAnthropic.Http;
using Gateway.MockAnthropic.Recording;
using Microsoft.AspNetCore.Http;

namespace Gateway.MockAnthropic.Endpoints;

/// <summary>
/// The only request handler: a path switch rather than endpoint routing, because the mock must not add cost to
/// the benchmarks it serves and must answer unknown paths with the Anthropic error shape, not ASP.NET's.
/// </summary>
internal sealed class ApiDispatcher(
    MockAnthropicOptions options,
    RequestRecorder recorder,
    MessagesEndpoint messages,
    ControlEndpoints control)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.StartsWith(ControlEndpoints.Prefix, StringComparison.Ordinal))
        {
            await control.HandleAsync(context);
            return;
        }

        var ct = context.RequestAborted;
        var exchange = new Exchange(context, recorder);
        context.Response.Headers[RequestIdHeader.Name] = Ids.Request();
        try
        {
            using var body = await RequestBodyBuffer.ReadAsync(context.Request, ct);
            exchange.SetBody(body.Span, options.MaxRecordedBodyBytes);
            if (options.LatencyMs > 0)
            {
                await Task.Delay(options.LatencyMs, ct);
            }

            if (options.ExpectedApiKey is { } key
                && !string.Equals(context.Request.Headers["x-api-key"].ToString(), key, StringComparison.Ordinal))
            {
                await ErrorResponder.SendAsync(context, exchange, 401, "authentication_error", "invalid x-api-key", ct);
                return;
            }

            var method = context.Request.Method;
            switch (path)
            {
                case "/v1/messages" when HttpMethods.IsPost(method):
                    await messages.HandleAsync(context, exchange, body, ct);
                    break;
                case "/v1/messages/count_tokens" when HttpMethods.IsPost(method):
                    await CountTokensEndpoint.HandleAsync(context, exchange, body, ct);
                    break;
                case "/v1/models" when HttpMethods.IsGet(method):
                    await ModelsEndpoint.HandleAsync(context, exchange, ct);
                    break;
                default:
                    await ErrorResponder.SendAsync(
                        context, exchange, 404, "not_found_error", $"Not found: {method} {path}", ct);
                    break;
            }
        }
        catch (Exception e) when (ct.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            // The client (or the server's shutdown) ended the request: routine for gateway tests that abort
            // streams, so it must not reach Kestrel's error log. The recording below still happens.
        }
        finally
        {
            exchange.Record();
        }
    }
}

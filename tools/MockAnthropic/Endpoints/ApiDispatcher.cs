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
    ChatCompletionsEndpoint chatCompletions,
    ControlEndpoints control)
{
    private const string ChatPathSuffix = "/chat/completions";

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

            var method = context.Request.Method;

            // Any path ending in /chat/completions: /v1/… for OpenAI and vLLM-style servers, and Azure's
            // /openai/deployments/{name}/chat/completions, whose path and api-version query the recording keeps.
            if (path.EndsWith(ChatPathSuffix, StringComparison.Ordinal) && HttpMethods.IsPost(method))
            {
                if (options.ExpectedApiKey is { } bearerKey && !HasOpenAiKey(context.Request.Headers, bearerKey))
                {
                    await OpenAiErrors.SendAsync(context, exchange, 401, ct);
                    return;
                }

                await chatCompletions.HandleAsync(context, exchange, body, ct);
                return;
            }

            if (options.ExpectedApiKey is { } key
                && !string.Equals(context.Request.Headers["x-api-key"].ToString(), key, StringComparison.Ordinal))
            {
                await ErrorResponder.SendAsync(context, exchange, 401, "authentication_error", "invalid x-api-key", ct);
                return;
            }

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

    // OpenAI sends the key as a bearer token, Azure OpenAI in an api-key header.
    private static bool HasOpenAiKey(IHeaderDictionary headers, string key) =>
        string.Equals(headers.Authorization.ToString(), "Bearer " + key, StringComparison.Ordinal)
        || string.Equals(headers["api-key"].ToString(), key, StringComparison.Ordinal);
}

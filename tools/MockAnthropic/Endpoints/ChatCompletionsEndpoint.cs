using Gateway.MockAnthropic.Http;
using Gateway.MockAnthropic.Parsing;
using Gateway.MockAnthropic.Recording;
using Gateway.MockAnthropic.Replies;
using Gateway.MockAnthropic.Scenarios;
using Microsoft.AspNetCore.Http;

namespace Gateway.MockAnthropic.Endpoints;

/// <summary>
/// <c>POST …/chat/completions</c>: the OpenAI-compatible side of the mock. Same markers, same planner and same
/// deterministic token counts as <c>/v1/messages</c>, written in Chat Completions shapes.
/// </summary>
internal sealed class ChatCompletionsEndpoint(
    StatusOnceCounter statusOnce, StreamingResponder streaming, TimeProvider time, MockAnthropicOptions options)
{
    public async Task HandleAsync(
        HttpContext context, Exchange exchange, RequestBodyBuffer body, CancellationToken cancellationToken)
    {
        var request = ChatRequestParser.Parse(body.Memory, out var error);
        if (request is null)
        {
            await OpenAiErrors.SendAsync(context, exchange, 400, "invalid_request_error", error, null, cancellationToken);
            return;
        }

        var header = context.Request.Headers[ScenarioParser.HeaderName].ToString();
        var scenario = ScenarioParser.Parse(header, request.Facts.LastUserTexts, out error);
        if (scenario is null)
        {
            await OpenAiErrors.SendAsync(context, exchange, 400, "invalid_request_error", error, null, cancellationToken);
            return;
        }

        exchange.Scenario = scenario.Description;
        if (scenario.Status is { } status)
        {
            await OpenAiErrors.SendAsync(context, exchange, status, cancellationToken);
            return;
        }

        if (scenario.StatusOnce is { } once && statusOnce.IsFirst(scenario.StatusOnceKey!))
        {
            await OpenAiErrors.SendAsync(context, exchange, once, cancellationToken);
            return;
        }

        var plan = ReplyPlanner.Plan(request.Facts, scenario, options);
        var usage = ChatUsage.For(body.Length, request.HasPromptCacheKey, plan);
        var id = "chatcmpl-" + Ids.Message()["msg_01".Length..];
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        if (request.Facts.Stream)
        {
            var chunkHeader = new ChunkHeader(id, created, request.Facts.Model, request.IncludeUsage);
            await streaming.SendAsync(context, exchange, scenario, plan, new ChatStreamFormat(exchange, chunkHeader, plan, usage), cancellationToken);
            return;
        }

        if (scenario.SlowFirstTokenMs is > 0 and var wait)
        {
            await Task.Delay(wait, cancellationToken);
        }

        if (scenario.DisconnectAfterEvents is not null)
        {
            exchange.Record(0);
            context.Abort();
            return;
        }

        if (scenario.StreamError)
        {
            await OpenAiErrors.SendAsync(context, exchange, 503, cancellationToken);
            return;
        }

        exchange.Usage = usage.ToRecorded();
        await JsonResponder.SendAsync(
            context,
            exchange,
            StatusCodes.Status200OK,
            (id, created, request.Facts.Model, plan, usage),
            static (w, s) => ChatJson.WriteCompletion(w, s.id, s.created, s.Model, s.plan, s.usage),
            cancellationToken);
    }
}

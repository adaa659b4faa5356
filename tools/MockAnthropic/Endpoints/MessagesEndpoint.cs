using Gateway.MockAnthropic.Http;
using Gateway.MockAnthropic.Parsing;
using Gateway.MockAnthropic.Recording;
using Gateway.MockAnthropic.Replies;
using Gateway.MockAnthropic.Scenarios;
using Microsoft.AspNetCore.Http;

namespace Gateway.MockAnthropic.Endpoints;

/// <summary><c>POST /v1/messages</c>: validates, applies failure markers, then answers streamed or not.</summary>
internal sealed class MessagesEndpoint(
    MockAnthropicOptions options, StatusOnceCounter statusOnce, StreamingResponder streaming)
{
    public async Task HandleAsync(
        HttpContext context, Exchange exchange, RequestBodyBuffer body, CancellationToken cancellationToken)
    {
        var request = MessagesRequestParser.Parse(body.Memory, out var error);
        if (request is null)
        {
            await ErrorResponder.SendAsync(context, exchange, 400, "invalid_request_error", error, cancellationToken);
            return;
        }

        var header = context.Request.Headers[ScenarioParser.HeaderName].ToString();
        var scenario = ScenarioParser.Parse(header, request.LastUserTexts, out error);
        if (scenario is null)
        {
            await ErrorResponder.SendAsync(context, exchange, 400, "invalid_request_error", error, cancellationToken);
            return;
        }

        exchange.Scenario = scenario.Description;
        if (scenario.Status is { } status)
        {
            await ErrorResponder.SendAsync(context, exchange, status, cancellationToken);
            return;
        }

        if (scenario.StatusOnce is { } once && statusOnce.IsFirst(scenario.StatusOnceKey!))
        {
            await ErrorResponder.SendAsync(context, exchange, once, cancellationToken);
            return;
        }

        var plan = ReplyPlanner.Plan(request, scenario, options);
        var usage = UsageCalculator.For(body.Length, request.HasCacheControl, plan.OutputTokens());
        if (request.Stream)
        {
            await streaming.SendAsync(context, exchange, scenario, plan, new MessagesStreamFormat(exchange, request.Model, plan, usage), cancellationToken);
        }
        else
        {
            await NonStreamingResponder.SendAsync(
                context, exchange, request.Model, scenario, plan, usage, cancellationToken);
        }
    }
}

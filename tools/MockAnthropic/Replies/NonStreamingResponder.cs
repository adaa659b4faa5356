using Gateway.MockAnthropic.Http;
using Gateway.MockAnthropic.Recording;
using Gateway.MockAnthropic.Scenarios;
using Microsoft.AspNetCore.Http;

namespace Gateway.MockAnthropic.Replies;

/// <summary>Answers <c>"stream": false</c> with one JSON message.</summary>
internal static class NonStreamingResponder
{
    public static async Task SendAsync(
        HttpContext context,
        Exchange exchange,
        string model,
        Scenario scenario,
        ReplyPlan plan,
        MockUsage usage,
        CancellationToken cancellationToken)
    {
        if (scenario.SlowFirstTokenMs is > 0 and var wait)
        {
            await Task.Delay(wait, cancellationToken);
        }

        // Without a stream there is nothing to cut part-way: the connection drops before any status.
        if (scenario.DisconnectAfterEvents is not null)
        {
            exchange.Record(0);
            context.Abort();
            return;
        }

        // A stream would fail mid-way; a single message fails as the real API does under load.
        if (scenario.StreamError)
        {
            await ErrorResponder.SendAsync(context, exchange, 529, cancellationToken);
            return;
        }

        exchange.Usage = usage;
        await JsonResponder.SendAsync(
            context,
            exchange,
            StatusCodes.Status200OK,
            (Id: Ids.Message(), model, plan, usage),
            static (w, s) => MessageJson.WriteMessage(w, s.Id, s.model, s.plan, s.usage),
            cancellationToken);
    }
}

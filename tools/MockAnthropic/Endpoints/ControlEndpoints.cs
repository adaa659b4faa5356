using System.Text.Json;
using Gateway.MockAnthropic.Recording;
using Gateway.MockAnthropic.Scenarios;
using Microsoft.AspNetCore.Http;

namespace Gateway.MockAnthropic.Endpoints;

/// <summary>
/// <c>/_mock/*</c>: the recording and the hold gate for tests that run the mock as a separate process. These
/// requests are neither recorded nor delayed.
/// </summary>
internal sealed class ControlEndpoints(MockAnthropicServer server)
{
    public const string Prefix = "/_mock/";

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        var method = context.Request.Method;
        var response = context.Response;
        switch (path)
        {
            case "/_mock/requests" when HttpMethods.IsGet(method):
                response.ContentType = "application/json";
                await JsonSerializer.SerializeAsync(
                    response.Body, server.Requests, RecordedRequestJson.Options, context.RequestAborted);
                break;
            case "/_mock/requests" when HttpMethods.IsDelete(method):
                server.Clear();
                response.StatusCode = StatusCodes.Status204NoContent;
                break;
            case "/_mock/release" when HttpMethods.IsPost(method):
                server.ReleaseHeld();
                response.StatusCode = StatusCodes.Status204NoContent;
                break;
            case "/_mock/held" when HttpMethods.IsGet(method):
                response.ContentType = "application/json";
                await response.WriteAsync($"{{\"held\":{server.HeldCount}}}", context.RequestAborted);
                break;
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }
}

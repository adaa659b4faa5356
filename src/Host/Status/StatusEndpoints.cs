using System.Text.Json;
using Gateway.Plugins;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Status;

/// <summary>
/// The status listener's requests: <c>GET /status</c>, <c>GET /status/ready</c> and each plugin's
/// <see cref="IStatusEndpoint"/>, answered with Kong's bodies; anything else is Kong's
/// <c>404 {"message":"Not found"}</c>.
/// </summary>
internal sealed class StatusEndpoints(
    ConnectionCounters counters,
    ConfigurationHash hash,
    Readiness readiness,
    StatusPlugins plugins,
    IReadOnlyDictionary<string, IStatusEndpoint> pluginEndpoints,
    ILogger logger)
{
    public const string StatusPath = "/status";
    public const string ReadyPath = "/status/ready";

    // Kong's messages quote with ': keep them readable, as the log does.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = Logging.LogEntryWriter.Encoder };

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var known = path is StatusPath or ReadyPath || pluginEndpoints.ContainsKey(path);
        if (!known)
        {
            await MessageAsync(context, StatusCodes.Status404NotFound, "Not found");
            return;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            await MessageAsync(context, StatusCodes.Status405MethodNotAllowed, "Method not allowed");
            return;
        }

        switch (path)
        {
            case StatusPath:
                await StatusAsync(context);
                return;
            case ReadyPath:
                var reason = readiness.NotReadyReason;
                await MessageAsync(context, reason is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, reason ?? "ready");
                return;
        }

        var endpoint = pluginEndpoints[path];
        try
        {
            await endpoint.WriteStatusAsync(context);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            // A plugin's failure stays on the status listener: logged once, Kong's body to the scraper.
            StatusLog.EndpointFailed(logger, path, ex);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await MessageAsync(context, StatusCodes.Status500InternalServerError, "An unexpected error occurred");
            }
            else
            {
                context.Abort();
            }
        }
    }

    private async Task StatusAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (!StatusDocument.TryParseUnit(query["unit"], query["scale"], out var unit, out var error))
        {
            await MessageAsync(context, StatusCodes.Status400BadRequest, error!);
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.Body, JsonOptions);
        StatusDocument.Write(writer, counters, hash, plugins, unit);
    }

    private static async Task MessageAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await using var writer = new Utf8JsonWriter(context.Response.Body, JsonOptions);
        writer.WriteStartObject();
        writer.WriteString("message", message);
        writer.WriteEndObject();
    }
}

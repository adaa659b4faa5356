using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Prometheus;

namespace Gateway.Plugins.Prometheus.Metrics;

/// <summary>
/// Writes the registry with prometheus-net's exporter: the Prometheus text format, or OpenMetrics when the scraper
/// asks for it in <c>Accept</c> (Prometheus does, first).
/// </summary>
internal static class MetricsExposition
{
    public const string TextContentType = "text/plain; version=0.0.4; charset=utf-8";
    public const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    public static async Task WriteAsync(HttpContext context, CollectorRegistry registry)
    {
        var openMetrics = AcceptsOpenMetrics(context.Request.Headers.Accept);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = openMetrics ? OpenMetricsContentType : TextContentType;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await registry.CollectAndExportAsTextAsync(
            response.Body,
            openMetrics ? ExpositionFormat.OpenMetricsText : ExpositionFormat.PrometheusText,
            context.RequestAborted);
    }

    private static bool AcceptsOpenMetrics(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (!MediaTypeHeaderValue.TryParseList(accept, out var types))
        {
            return false;
        }

        foreach (var type in types)
        {
            if (type.MediaType.Equals("application/openmetrics-text", StringComparison.OrdinalIgnoreCase) && type.Quality is not 0)
            {
                return true;
            }
        }

        return false;
    }
}

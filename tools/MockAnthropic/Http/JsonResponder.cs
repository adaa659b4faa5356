using System.IO.Compression;
using System.Text.Json;
using Gateway.MockAnthropic.Recording;
using Microsoft.AspNetCore.Http;

namespace Gateway.MockAnthropic.Http;

/// <summary>
/// Sends a JSON body the way the real API does: gzip or Brotli when the client accepts it (see
/// <see cref="ContentCodingNegotiator"/>), identity with a Content-Length otherwise.
/// </summary>
internal static class JsonResponder
{
    /// <summary>Builds the body with <paramref name="write"/>, records the exchange, then sends.</summary>
    public static async Task SendAsync<TState>(
        HttpContext context,
        Exchange exchange,
        int status,
        TState state,
        Action<Utf8JsonWriter, TState> write,
        CancellationToken cancellationToken)
    {
        using var buffer = new PooledBufferWriter();
        using (var json = new Utf8JsonWriter(buffer, JsonDefaults.Writer))
        {
            write(json, state);
        }

        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        var coding = ContentCodingNegotiator.Choose(context.Request.Headers.AcceptEncoding);
        exchange.Record(status);
        if (coding == ContentCoding.Identity)
        {
            response.ContentLength = buffer.WrittenMemory.Length;
            await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken);
            return;
        }

        response.Headers.ContentEncoding = coding == ContentCoding.Gzip ? "gzip" : "br";
        response.Headers.Vary = "Accept-Encoding";
        Stream compressor = coding == ContentCoding.Gzip
            ? new GZipStream(response.Body, CompressionLevel.Fastest, leaveOpen: true)
            : new BrotliStream(response.Body, CompressionLevel.Fastest, leaveOpen: true);
        await using (compressor)
        {
            await compressor.WriteAsync(buffer.WrittenMemory, cancellationToken);
        }
    }
}

using System.Net;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Pipeline;

/// <summary>
/// Stands in for the upstream response content after header_filter so that YARP's body copy (Step 7-B) reads
/// through <see cref="BodyFilterStream"/>. Headers were already copied from the original content.
/// </summary>
internal sealed class FilteredResponseContent(HttpContent inner, RequestContext context, ILogger logger) : HttpContent
{
    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new BodyFilterStream(await inner.ReadAsStreamAsync(cancellationToken), context, logger);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? transportContext, CancellationToken cancellationToken)
    {
        await using var filtered = await CreateContentReadStreamAsync(cancellationToken);
        await filtered.CopyToAsync(stream, cancellationToken);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? transportContext) =>
        SerializeToStreamAsync(stream, transportContext, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

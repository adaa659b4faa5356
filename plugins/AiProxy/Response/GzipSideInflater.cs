using System.Buffers;
using System.IO.Compression;

namespace Gateway.Plugins.AiProxy.Response;

/// <summary>
/// Inflates a gzip response incrementally for the side readers while the compressed bytes go to the client
/// unchanged. GZipStream pulls from <see cref="ChunkStream"/>, which hands it the current chunk and then reports
/// "no more for now"; the decoder keeps its state and resumes on the next chunk.
/// </summary>
internal sealed class GzipSideInflater : IDisposable
{
    private const int ScratchBytes = 16 * 1024;
    private readonly ChunkStream _input = new();
    private readonly GZipStream _gzip;
    private byte[]? _scratch;

    public GzipSideInflater() => _gzip = new GZipStream(_input, CompressionMode.Decompress, leaveOpen: true);

    /// <summary>Set when the data turned out not to be valid gzip; inflating stops.</summary>
    public bool Failed { get; private set; }

    public void Inflate(ReadOnlyMemory<byte> compressed, IBodySink sink, long timestamp)
    {
        if (Failed || compressed.IsEmpty)
        {
            return;
        }

        _scratch ??= ArrayPool<byte>.Shared.Rent(ScratchBytes);
        _input.Set(compressed);
        try
        {
            int read;
            while (sink.WantsMore && (read = _gzip.Read(_scratch, 0, _scratch.Length)) > 0)
            {
                sink.Write(_scratch.AsSpan(0, read), timestamp);
            }
        }
        catch (InvalidDataException)
        {
            Failed = true;
        }
    }

    public void Dispose()
    {
        _gzip.Dispose();
        if (_scratch is not null)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = null;
        }
    }
}

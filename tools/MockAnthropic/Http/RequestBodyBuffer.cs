using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Gateway.MockAnthropic.Http;

/// <summary>A request body read into one rented array; dispose to return it.</summary>
internal sealed class RequestBodyBuffer : IDisposable
{
    private byte[] _buffer;

    private RequestBodyBuffer(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    public static async Task<RequestBodyBuffer> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var expected = request.ContentLength is > 0 and < int.MaxValue ? (int)request.ContentLength.Value : 0;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(expected, 4096));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    return new RequestBodyBuffer(buffer, length);
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

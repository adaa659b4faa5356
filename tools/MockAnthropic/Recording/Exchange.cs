using System.Text;
using Gateway.MockAnthropic.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.MockAnthropic.Recording;

/// <summary>
/// What one request has produced so far. It is recorded exactly once, just before the response's last write,
/// so a client that has seen the end of its response always finds the recording.
/// </summary>
internal sealed class Exchange
{
    private readonly HttpContext _context;
    private readonly RequestRecorder _recorder;
    private readonly string _method;
    private readonly string _pathAndQuery;
    private readonly Dictionary<string, string> _headers;
    private readonly DateTimeOffset _receivedAt = DateTimeOffset.UtcNow;
    private long _bodyBytes;
    private string _body = "";
    private int _recorded;

    public Exchange(HttpContext context, RequestRecorder recorder)
    {
        _context = context;
        _recorder = recorder;
        var request = context.Request;
        _method = request.Method;
        _pathAndQuery = context.Features.Get<IHttpRequestFeature>()?.RawTarget
            ?? request.Path.Value + request.QueryString.Value;
        _headers = new Dictionary<string, string>(request.Headers.Count, StringComparer.Ordinal);
        foreach (var header in request.Headers)
        {
            _headers[LowerCaseHeaderNames.Get(header.Key)] = header.Value.ToString();
        }
    }

    public string Scenario { get; set; } = "";

    /// <summary>The last usage object written to the client.</summary>
    public MockUsage? Usage { get; set; }

    public bool Streamed { get; set; }

    public void SetBody(ReadOnlySpan<byte> body, int maxRecordedBytes)
    {
        _bodyBytes = body.Length;
        _body = maxRecordedBytes <= 0 ? "" : Encoding.UTF8.GetString(body[..Math.Min(body.Length, maxRecordedBytes)]);
    }

    /// <summary>Records with the response's current status.</summary>
    public void Record() => Record(_context.Response.StatusCode);

    /// <summary>Records once; later calls do nothing.</summary>
    /// <param name="status">The status sent, or 0 when the connection was cut before any status.</param>
    public void Record(int status)
    {
        if (Interlocked.Exchange(ref _recorded, 1) != 0)
        {
            return;
        }

        _recorder.Add(new RecordedRequest(
            _method, _pathAndQuery, _headers, _bodyBytes, _body, Scenario, status, Usage, Streamed, _receivedAt));
    }
}

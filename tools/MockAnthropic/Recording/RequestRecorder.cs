namespace Gateway.MockAnthropic.Recording;

/// <summary>Thread-safe, bounded log of answered requests, in the order their answers were decided.</summary>
internal sealed class RequestRecorder(MockAnthropicOptions options)
{
    private readonly Lock _lock = new();
    private readonly Queue<RecordedRequest> _requests = new();

    public void Add(RecordedRequest request)
    {
        lock (_lock)
        {
            _requests.Enqueue(request);
            while (_requests.Count > Math.Max(1, options.MaxRecordedRequests))
            {
                _requests.Dequeue();
            }
        }
    }

    /// <summary>A copy, so callers can enumerate while requests keep arriving.</summary>
    public RecordedRequest[] Snapshot()
    {
        lock (_lock)
        {
            return _requests.ToArray();
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _requests.Clear();
        }
    }
}

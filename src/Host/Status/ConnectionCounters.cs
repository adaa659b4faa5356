namespace Gateway.Host.Status;

/// <summary>
/// The proxy listener's counts for <c>GET /status</c>'s <c>server</c> object (nginx's stub_status, which Kong
/// reports): connections accepted and open, requests seen and in progress. Updated with interlocked operations,
/// once per connection and twice per request.
/// </summary>
internal sealed class ConnectionCounters
{
    private long _accepted;
    private long _active;
    private long _requests;
    private long _inFlight;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Active => Interlocked.Read(ref _active);

    public long TotalRequests => Interlocked.Read(ref _requests);

    /// <summary>Requests between their headers and the end of their log phase (nginx's "writing").</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    public void ConnectionOpened()
    {
        Interlocked.Increment(ref _accepted);
        Interlocked.Increment(ref _active);
    }

    public void ConnectionClosed() => Interlocked.Decrement(ref _active);

    public void RequestStarted()
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _inFlight);
    }

    public void RequestEnded() => Interlocked.Decrement(ref _inFlight);
}

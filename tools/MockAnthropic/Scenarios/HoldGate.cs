namespace Gateway.MockAnthropic.Scenarios;

/// <summary>
/// Where <c>hold-after-first-event</c> streams wait. A request takes the current gate before it sends its first
/// event, so a release issued after a client has seen that event always frees it.
/// </summary>
internal sealed class HoldGate
{
    private TaskCompletionSource _current = NewSource();
    private int _held;

    /// <summary>Requests waiting right now.</summary>
    public int HeldCount => Volatile.Read(ref _held);

    public Task Current => Volatile.Read(ref _current).Task;

    /// <summary>Frees every request that took the gate before this call; later ones wait for the next release.</summary>
    public void ReleaseAll() => Interlocked.Exchange(ref _current, NewSource()).TrySetResult();

    /// <returns>False when the cap ran out before a release.</returns>
    public async Task<bool> WaitAsync(Task gate, TimeSpan cap, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _held);
        try
        {
            await gate.WaitAsync(cap, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

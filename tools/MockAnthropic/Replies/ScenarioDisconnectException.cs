namespace Gateway.MockAnthropic.Replies;

/// <summary>Unwinds a stream whose <c>disconnect-after</c> budget is spent, so the caller can cut the connection.</summary>
internal sealed class ScenarioDisconnectException : Exception
{
    public ScenarioDisconnectException()
        : base("The disconnect-after scenario ended the stream.")
    {
    }
}

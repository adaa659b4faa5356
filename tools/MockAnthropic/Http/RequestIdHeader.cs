namespace Gateway.MockAnthropic.Http;

internal static class RequestIdHeader
{
    /// <summary>The real API names its request id header without an <c>x-</c> prefix.</summary>
    public const string Name = "request-id";
}

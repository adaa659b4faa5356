using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Pipeline;

/// <summary>
/// How the client broke its request body: the one rule for what a failed read of the body means, whoever was
/// reading it (a plugin buffering it in access, or YARP streaming it upstream). Broken framing is 400, a body that
/// stopped arriving is 408 (the client body timeout), a body over a plugin's limit is 413, and a client that went
/// away mid-body is 499 (nginx's "client closed request"). None of them is ever an upstream error.
/// </summary>
/// <param name="Status">The status the request is answered and logged with.</param>
/// <param name="Reason">What happened, for the gateway's log line.</param>
internal sealed record ClientBodyFault(int Status, string Reason)
{
    public const int ClientClosedRequest = 499;

    // Kestrel's message when the connection ends before the body does (its UnexpectedEndOfRequestContent, a 400 whose
    // reason is not public): the client went away rather than sending a malformed body.
    private const string UnexpectedEnd = "Unexpected end of request content.";

    public static readonly ClientBodyFault Gone = new(ClientClosedRequest, "the client closed the connection before its request body ended");

    /// <summary>A plugin read the body, found it over its limit and let the request through anyway: the rest of the
    /// body was never read, so it cannot be forwarded.</summary>
    public static readonly ClientBodyFault TooLarge = new(StatusCodes.Status413PayloadTooLarge, "the request body is over a plugin's limit");

    /// <summary>YARP's activity timeout (the service's read_timeout, which covers the whole exchange while the body
    /// streams through) fired while it waited for the client's body.</summary>
    public static readonly ClientBodyFault SilentPastReadTimeout = new(StatusCodes.Status408RequestTimeout, "no request body data within the service's read_timeout");

    public static ClientBodyFault TimedOut(TimeSpan timeout) =>
        new(StatusCodes.Status408RequestTimeout, $"no request body data for {timeout.TotalSeconds:0.###} s (client body timeout)");

    /// <summary>Classifies a failed read of the client's body.</summary>
    /// <param name="exception">What the read threw.</param>
    /// <param name="clientAborted">Whether the connection to the client is gone.</param>
    public static ClientBodyFault From(Exception exception, bool clientAborted) => exception switch
    {
        _ when clientAborted => Gone,
        BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad when bad.Message == UnexpectedEnd => Gone,
        BadHttpRequestException bad => new(bad.StatusCode, bad.Message),
        // Kestrel's chunk parser reports a chunk size too large to hold (19 hex digits) as an IOException ("Bad chunk
        // size data.") around an OverflowException, not as a bad request: it is still the client's malformed body.
        _ when ExceptionCause.Any(exception, static e => e is OverflowException or FormatException) =>
            new(StatusCodes.Status400BadRequest, "malformed chunked request body (bad chunk size)"),
        // A reset connection (ConnectionResetException) and every other transport failure: the client is gone.
        _ => Gone,
    };

    /// <summary>The exception a second read of a body that already failed throws.</summary>
    public BadHttpRequestException ToException(Exception? inner = null) => inner is null ? new(Reason, Status) : new(Reason, Status, inner);
}

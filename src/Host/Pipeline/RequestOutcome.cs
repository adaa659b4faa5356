using Gateway.Host.Proxy;
using Gateway.Plugins;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Host.Pipeline;

/// <summary>Which side a request's failure is charged to.</summary>
internal enum Blame
{
    /// <summary>Nothing failed: the upstream answered (whatever its status), a plugin exited, or the gateway gave
    /// one of Kong's ordinary answers (no route matched).</summary>
    None,

    /// <summary>The client: broken body framing, a body that stopped arriving, too large, or a client that left.</summary>
    Client,

    /// <summary>The upstream: unreachable, timing out, an invalid or cut response.</summary>
    Upstream,

    /// <summary>The gateway itself: a plugin that threw, an unexpected error.</summary>
    Gateway,
}

/// <summary>
/// What became of one request, decided in one place (the factory methods here): the status the client got and
/// the log records, who produced the response (<c>source</c>), which side failed, why, and the body the gateway
/// sends when it answers itself. The middleware concludes a request with one of these; the generated response,
/// the log serializer and the gateway's log line only read it.
/// </summary>
/// <param name="Source">Who produced the response.</param>
/// <param name="Status">The status sent, or 499 when the client left before any was.</param>
/// <param name="Blame">Which side failed.</param>
/// <param name="Reason">Why it failed (for the gateway's log line), or the exit's description.</param>
/// <param name="Response">The response the gateway writes itself; null when the upstream's is relayed or nobody is
/// left to read one.</param>
/// <param name="Exception">What was thrown, for the debug log only.</param>
internal sealed record RequestOutcome(ResponseSource Source, int Status, Blame Blame, string Reason, GeneratedResponse? Response, Exception? Exception = null)
{
    public const string UnexpectedError = "An unexpected error occurred";

    public const string InvalidResponse = "An invalid response was received from the upstream server";

    public const string TimingOut = "The upstream server is timing out";

    // Immutable, so one per status serves every request: the common path allocates nothing.
    private static readonly RequestOutcome?[] Relays = new RequestOutcome?[600];

    /// <summary>The upstream answered with <paramref name="status"/>; its response is relayed.</summary>
    public static RequestOutcome Upstream(int status) => status is >= 100 and < 600
        ? Relays[status] ??= new(ResponseSource.Upstream, status, Blame.None, "relayed", null)
        : new(ResponseSource.Upstream, status, Blame.None, "relayed", null);

    /// <summary>A plugin ended the request in access (<c>kong.response.exit</c>).</summary>
    public static RequestOutcome Exit(int status, string? body, string? contentType) =>
        new(ResponseSource.Exit, status, Blame.None, "exit", new GeneratedResponse(status, body, contentType ?? (body is null ? null : "application/json; charset=utf-8")));

    public static RequestOutcome NoRoute() => Kong(404, "no Route matched with those values", Blame.None);

    public static RequestOutcome NoService() => Kong(503, "no Service found with those values", Blame.None);

    /// <summary>The gateway answers itself with Kong's <c>{"message": ...}</c>, e.g. a request it refuses before
    /// routing: blamed on the client for a 4xx, on the gateway for a 5xx.</summary>
    public static RequestOutcome Answer(int status, string message) => Kong(status, message, status < 500 ? Blame.Client : Blame.Gateway);

    /// <summary>A request refused before routing because its framing or target cannot be trusted (see
    /// <see cref="RequestFraming"/>): the client's fault even when the status is nginx's 501.</summary>
    public static RequestOutcome Refused(int status, string message) => Kong(status, message, Blame.Client);

    /// <summary>The upstream's response headers hold CR, LF or NUL (see <see cref="HeaderSafety"/>): nginx's
    /// "upstream sent invalid header", a 502 blamed on the upstream. The header is named, its value never.</summary>
    public static RequestOutcome InvalidUpstreamHeader(string header) =>
        Kong(502, InvalidResponse, Blame.Upstream, $"the upstream's response header '{header}' holds CR, LF or NUL");

    /// <summary>A plugin threw, or the gateway did: 500 while nothing was sent; the cause is logged where it happened.</summary>
    public static RequestOutcome Unexpected(Exception? exception = null) => Kong(500, UnexpectedError, Blame.Gateway, UnexpectedError, exception);

    /// <summary>
    /// A header_filter or body_filter plugin threw (or left an unsafe header), logged where it happened. While
    /// nothing was sent, Kong's 500 replaces the response and is sent without the filters, which already failed on
    /// it. Once the status line went out nothing else can be said: the status sent stands, the connection is cut so
    /// the client cannot take a partial body for a whole one, and the reason says so.
    /// </summary>
    /// <param name="sentStatus">The status already sent to the client, or null when nothing was sent.</param>
    /// <param name="exception">What the plugin threw, if it threw.</param>
    public static RequestOutcome FilterFailed(int? sentStatus, Exception? exception = null) =>
        sentStatus is { } status
            ? new(ResponseSource.Upstream, status, Blame.Gateway, "a body_filter plugin threw after bytes were sent", null, exception)
            : new(ResponseSource.Error, 500, Blame.Gateway, "a response filter failed", GeneratedResponse.KongMessage(500, UnexpectedError) with { SkipsFilters = true }, exception);

    /// <summary>The client broke its request body: answered with Kong's message for the status (nothing is sent
    /// for 499, the client is gone).</summary>
    public static RequestOutcome ClientFault(ClientBodyFault fault, Exception? exception = null) =>
        fault.Status == ClientBodyFault.ClientClosedRequest
            ? new RequestOutcome(ResponseSource.Error, fault.Status, Blame.Client, fault.Reason, null, exception)
            : Kong(fault.Status, KongMessage(fault.Status), Blame.Client, fault.Reason, exception);

    /// <summary>The client went away while the gateway answered: 499 when nothing was sent yet, else the status
    /// that was.</summary>
    public static RequestOutcome ClientLeft(RequestOutcome? current, int? sentStatus) =>
        new(current?.Source ?? ResponseSource.Error, sentStatus ?? ClientBodyFault.ClientClosedRequest, Blame.Client, "the client closed the connection while it was answered", null);

    /// <summary>
    /// What a failed forward means. YARP names the stage that failed (request body, response headers, response
    /// body) and the side it saw failing; the gateway adds what it knows better: the client's body failure as the
    /// client body rule classified it, a client that left, and a connect failure's reason.
    /// </summary>
    /// <param name="error">YARP's result (not <see cref="ForwarderError.None"/>).</param>
    /// <param name="exception">YARP's exception for it, if any.</param>
    /// <param name="bodyFault">How reading the client's body failed, if it did.</param>
    /// <param name="clientAborted">Whether the client connection is gone.</param>
    /// <param name="sentStatus">The status already sent to the client, or null when nothing was sent.</param>
    /// <param name="target">The upstream, for the messages.</param>
    public static RequestOutcome Forwarding(ForwarderError error, Exception? exception, ClientBodyFault? bodyFault, bool clientAborted, int? sentStatus, string target)
    {
        var detail = exception?.GetBaseException().Message ?? error.ToString();
        if (bodyFault is not null)
        {
            return Client(sentStatus, bodyFault, exception);
        }

        // YARP aborts the client connection itself when the upstream fails mid-response, so a gone client proves
        // nothing when YARP saw the upstream's side fail: trust the side YARP names.
        var upstreamSide = error is ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.RequestBodyDestination
            or ForwarderError.ResponseHeaders or ForwarderError.ResponseBodyDestination
            or ForwarderError.UpgradeRequestDestination or ForwarderError.UpgradeResponseDestination;
        if (clientAborted && !upstreamSide)
        {
            // nginx's 499 when nothing was sent yet; otherwise the client saw the status that was sent, then left.
            return Relayed(sentStatus, Blame.Client, $"the client closed the connection ({error})", exception);
        }

        var timedOut = ExceptionCause.Any(exception, static e => e is OperationCanceledException or TimeoutException);
        switch (error)
        {
            // YARP's activity timeout (read_timeout) fired while it waited for the client's body: the client was silent.
            case ForwarderError.RequestBodyClient when timedOut:
                return Client(sentStatus, ClientBodyFault.SilentPastReadTimeout, exception);
            case ForwarderError.RequestBodyClient or ForwarderError.UpgradeRequestClient:
                return Client(sentStatus, new ClientBodyFault(StatusCodes.Status400BadRequest, detail), exception);
            case ForwarderError.ResponseBodyClient or ForwarderError.ResponseBodyCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestCanceled
                or ForwarderError.UpgradeResponseClient or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeResponseCanceled:
                return Relayed(sentStatus, Blame.Client, $"the client stopped reading the response ({detail})", exception);
        }

        if (sentStatus is { } started)
        {
            // The status line went out: the upstream's answer stands, cut where the upstream failed.
            var what = timedOut ? "the upstream went silent past read_timeout mid-response" : $"the upstream cut the response ({detail})";
            return Relayed(started, Blame.Upstream, what, exception);
        }

        if (UpstreamConnectException.In(exception) is { } connect)
        {
            return Kong(502, $"The upstream server could not be reached ({target}: {connect.Reason})", Blame.Upstream, connect.Message, exception);
        }

        return error switch
        {
            // Either no response headers within read_timeout, or headers then a silent body: YARP holds the headers
            // until the first body byte, so nothing was sent and the answer is what it is, a timeout.
            ForwarderError.RequestTimedOut => Kong(504, TimingOut, Blame.Upstream, $"no response within read_timeout ({detail})", exception),
            ForwarderError.ResponseBodyDestination or ForwarderError.RequestBodyDestination when timedOut =>
                Kong(504, TimingOut, Blame.Upstream, "the upstream went silent past read_timeout", exception),
            _ => Kong(502, InvalidResponse, Blame.Upstream, $"{error}: {detail}", exception),
        };
    }

    /// <summary>Kong's default messages for the statuses the gateway answers itself (kong/error_handlers.lua).</summary>
    public static string KongMessage(int status) => status switch
    {
        400 => "Bad request",
        408 => "Request timeout",
        413 => "Payload too large",
        500 => UnexpectedError,
        502 => InvalidResponse,
        504 => TimingOut,
        _ => $"The upstream server responded with {status}",
    };

    // A client fault answers with its status, unless the upstream's answer was already on its way.
    private static RequestOutcome Client(int? sentStatus, ClientBodyFault fault, Exception? exception) =>
        sentStatus is not null ? Relayed(sentStatus, Blame.Client, fault.Reason, exception) : ClientFault(fault, exception);

    // Nothing more is sent: the upstream's answer stands as far as it went, or, when none was sent, nginx's 499
    // (from the gateway, like every response the upstream did not give).
    private static RequestOutcome Relayed(int? sentStatus, Blame blame, string reason, Exception? exception) =>
        sentStatus is { } status
            ? new(ResponseSource.Upstream, status, blame, reason, null, exception)
            : new(ResponseSource.Error, ClientBodyFault.ClientClosedRequest, blame, reason, null, exception);

    private static RequestOutcome Kong(int status, string message, Blame blame, string? reason = null, Exception? exception = null) =>
        new(ResponseSource.Error, status, blame, reason ?? message, GeneratedResponse.KongMessage(status, message), exception);
}

namespace Gateway.MockAnthropic;

/// <summary>One request the mock answered, as it arrived and as it was answered.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="PathAndQuery">Path and query as received, e.g. <c>/v1/messages?beta=true</c>.</param>
/// <param name="Headers">Every request header, names lower-cased, repeated values joined with ", ".</param>
/// <param name="BodyBytes">Length of the whole body.</param>
/// <param name="Body">The body as UTF-8 text, cut at <see cref="MockAnthropicOptions.MaxRecordedBodyBytes"/>.</param>
/// <param name="Scenario">The markers that applied, e.g. <c>bash:ls deltas:64:20</c>; empty when none.</param>
/// <param name="ResponseStatus">HTTP status sent.</param>
/// <param name="ResponseUsage">The last usage object sent (the <c>message_delta</c> one for a complete stream);
/// null when none was sent.</param>
/// <param name="Streamed">True when the answer was a server-sent event stream.</param>
/// <param name="ReceivedAt">When the request's headers arrived (UTC), to measure client retry schedules.</param>
internal sealed record RecordedRequest(
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    long BodyBytes,
    string Body,
    string Scenario,
    int ResponseStatus,
    MockUsage? ResponseUsage,
    bool Streamed,
    DateTimeOffset ReceivedAt);

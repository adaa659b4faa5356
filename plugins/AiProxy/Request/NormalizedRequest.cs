namespace Gateway.Plugins.AiProxy.Request;

/// <summary>The outcome of normalize-request for an accepted Messages call.</summary>
/// <param name="Model">The model the request will use (Kong's resolved <c>request_model</c>).</param>
/// <param name="Streaming">Whether the response will be streamed.</param>
/// <param name="Patches">Fields to set in the body before it goes upstream; empty when it goes as sent.</param>
internal sealed record NormalizedRequest(string Model, bool Streaming, IReadOnlyList<BodyPatch> Patches);

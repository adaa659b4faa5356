namespace Gateway.Plugins.AiProxy.Request;

/// <summary>Where a top-level JSON value sits in the request body, so it can be replaced without re-serializing.</summary>
internal readonly record struct ValueRange(int Start, int End);

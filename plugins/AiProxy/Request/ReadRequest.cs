using System.Text;
using Gateway.Plugins.AiProxy.Buffers;
using Gateway.Plugins.AiProxy.Configuration;

namespace Gateway.Plugins.AiProxy.Request;

/// <summary>
/// Reads the body once, bounded by max_request_body_size (nothing past the limit is read), then runs
/// parse-request and normalize-request for Messages calls. count_tokens bodies are only read for their model;
/// other calls go as sent. Records what the log phase needs.
/// </summary>
internal static class ReadRequest
{
    public static async ValueTask<RequestError?> RunAsync(PluginContext context, AiProxyConfig config, ConfiguredFields fields, AiProxyRequestState state)
    {
        var limit = config.MaxRequestBodySize;
        var body = await context.ReadRequestBodyAsync(limit, context.RequestAborted).ConfigureAwait(false);
        if (body.TooLarge)
        {
            return new RequestError(413, "request_too_large",
                $"request body is larger than max_request_body_size ({limit} bytes)");
        }

        var sent = body.Data;
        CapturePayload(config, state, sent); // a rejected request is logged with its body too, as in Kong
        state.RequestModel = config.ValidModel.Name;
        switch (state.Kind)
        {
            case RequestKind.Messages:
                var facts = ParseRequest.Parse(sent.Span, fields.Pinned);
                var error = NormalizeRequest.Run(config, fields, facts, out var normalized);
                if (error is not null)
                {
                    return error;
                }

                state.RequestModel = normalized!.Model;
                state.Streaming = normalized.Streaming;
                sent = Patch(context, sent, facts.ObjectStart, normalized.Patches);
                break;
            case RequestKind.CountTokens:
                sent = ReadCountTokens(context, fields, state, sent);
                break;
            default:
                break;
        }

        if (!sent.Equals(body.Data))
        {
            CapturePayload(config, state, sent); // what went upstream, after the config's rewrites
        }

        return null;
    }

    private static void CapturePayload(AiProxyConfig config, AiProxyRequestState state, ReadOnlyMemory<byte> body)
    {
        if (config.Logging.LogPayloads)
        {
            var length = Utf8Boundary.Floor(body.Span, Limits.PayloadBytes);
            state.RequestPayload = Encoding.UTF8.GetString(body.Span[..length]);
            state.RequestPayloadTruncated = length < body.Length;
        }
    }

    /// <summary>count_tokens is free, so the model pin is not enforced on it; a body without a model gets the
    /// pinned one, as a Messages call would.</summary>
    private static ReadOnlyMemory<byte> ReadCountTokens(PluginContext context, ConfiguredFields fields,
        AiProxyRequestState state, ReadOnlyMemory<byte> body)
    {
        var facts = ParseRequest.Parse(body.Span, fields.Pinned);
        if (!facts.IsJsonObject)
        {
            return body;
        }

        if (!string.IsNullOrEmpty(facts.Model))
        {
            state.RequestModel = facts.Model;
            return body;
        }

        var pinned = fields.ModelValue;
        return pinned is null ? body
            : Patch(context, body, facts.ObjectStart, [new BodyPatch(ConfiguredFields.ModelName, pinned, facts.ModelValue)]);
    }

    private static ReadOnlyMemory<byte> Patch(PluginContext context, ReadOnlyMemory<byte> body, int objectStart,
        IReadOnlyList<BodyPatch> patches)
    {
        if (patches.Count == 0)
        {
            return body;
        }

        var patched = JsonBodyPatcher.Apply(body.Span, objectStart, patches);
        context.SetRequestBody(patched);
        return patched;
    }
}

using Gateway.Plugins.AiProxy.Configuration;

namespace Gateway.Plugins.AiProxy.Request;

/// <summary>
/// Kong's normalize-request for a native Anthropic Messages body: the prompt check, model pinning, the streaming
/// decision and the config's tuning overrides, with Kong's messages. Nothing is rewritten unless the config says so.
/// </summary>
internal static class NormalizeRequest
{
    public const string NoPrompts = "request body doesn't contain valid prompts";
    public const string NoModel = "model parameter not found in request, nor in gateway configuration";
    public const string StreamingDenied = "response streaming is not enabled for this LLM";
    public const string ModelNotString = "model must be a string";
    public const string ModelHasControlCharacters = "model must not contain control characters";

    private static readonly byte[] MaxTokensName = "\"max_tokens\""u8.ToArray();
    private static readonly byte[] TemperatureName = "\"temperature\""u8.ToArray();
    private static readonly byte[] TopPName = "\"top_p\""u8.ToArray();
    private static readonly byte[] TopKName = "\"top_k\""u8.ToArray();

    public static RequestError? Run(AiProxyConfig config, ConfiguredFields fields, RequestBodyFacts body, out NormalizedRequest? result)
    {
        result = null;
        if (!body.IsJsonObject || !body.HasMessages)
        {
            return RequestError.BadRequest(NoPrompts);
        }

        // Most calls go as sent: the list is made only when the config rewrites a field.
        List<BodyPatch>? patches = null;
        var pinned = config.ValidModel.Name;
        if (body.ModelIsNotString)
        {
            // Kong refuses any model other than the pinned one, and a number or null is not it; replacing it with
            // the pinned model would hide a client bug.
            return RequestError.BadRequest(pinned is null ? ModelNotString : $"cannot use own model - must be: {pinned}");
        }

        string model;
        if (pinned is null)
        {
            if (string.IsNullOrEmpty(body.Model))
            {
                return RequestError.BadRequest(NoModel);
            }

            // The client's model becomes the X-Kong-LLM-Model response header and a log field: refuse the control
            // characters that would break either, before the provider is paid for an answer we cannot send.
            if (body.Model.Any(char.IsControl))
            {
                return RequestError.BadRequest(ModelHasControlCharacters);
            }

            model = body.Model;
        }
        else if (!string.IsNullOrEmpty(body.Model))
        {
            if (!string.Equals(body.Model, pinned, StringComparison.Ordinal))
            {
                return RequestError.BadRequest($"cannot use own model - must be: {pinned}");
            }

            model = pinned;
        }
        else
        {
            // Kong's documented workaround strips the body's model so the configured one is used: Anthropic
            // requires the field, so it is written in.
            model = pinned;
            (patches ??= []).Add(new BodyPatch(ConfiguredFields.ModelName, fields.ModelValue!, body.ModelValue));
        }

        var streaming = body.Stream;
        switch (config.ResponseStreaming)
        {
            case ResponseStreaming.Deny when streaming:
                return RequestError.BadRequest(StreamingDenied);
            case ResponseStreaming.Always when !streaming:
                // Kong forces stream=true into the body; for a native body that means writing "stream": true.
                (patches ??= []).Add(new BodyPatch(ConfiguredFields.StreamName, ConfiguredFields.True, body.StreamValue));
                streaming = true;
                break;
            default:
                break;
        }

        AddOverride(ref patches, MaxTokensName, fields.MaxTokens, body.MaxTokensValue);
        AddOverride(ref patches, TemperatureName, fields.Temperature, body.TemperatureValue);
        AddOverride(ref patches, TopPName, fields.TopP, body.TopPValue);
        AddOverride(ref patches, TopKName, fields.TopK, body.TopKValue);
        result = new NormalizedRequest(model, streaming, patches ?? (IReadOnlyList<BodyPatch>)[]);
        return null;
    }

    private static void AddOverride(ref List<BodyPatch>? patches, byte[] name, byte[]? value, ValueRange? existing)
    {
        if (value is not null)
        {
            (patches ??= []).Add(new BodyPatch(name, value, existing));
        }
    }
}

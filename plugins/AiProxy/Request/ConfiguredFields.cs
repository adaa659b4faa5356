using System.Text.Json;
using Gateway.Plugins.AiProxy.Configuration;

namespace Gateway.Plugins.AiProxy.Request;

/// <summary>The JSON bytes of every body field the config may set, encoded once per instance in the configure phase
/// (<see cref="PreparedInstance"/>) rather than per request.</summary>
internal sealed class ConfiguredFields
{
    public static readonly byte[] StreamName = "\"stream\""u8.ToArray();
    public static readonly byte[] True = "true"u8.ToArray();
    public static readonly byte[] ModelName = "\"model\""u8.ToArray();

    public ConfiguredFields(ModelConfig model)
    {
        ModelValue = model.Name is null ? null : JsonSerializer.SerializeToUtf8Bytes(model.Name);
        Pinned = model.Name is null ? null : new PinnedModel(model.Name, ProviderNames.Of(model.Provider));
        var options = model.Options;
        MaxTokens = Encode(options.MaxTokens);
        Temperature = Encode(options.Temperature);
        TopP = Encode(options.TopP);
        TopK = Encode(options.TopK);
    }

    /// <summary>The pinned model as a JSON string, or null.</summary>
    public byte[]? ModelValue { get; }

    /// <summary>The pinned model for parse-request's in-place comparison, or null.</summary>
    public PinnedModel? Pinned { get; }

    public byte[]? MaxTokens { get; }

    public byte[]? Temperature { get; }

    public byte[]? TopP { get; }

    public byte[]? TopK { get; }

    private static byte[]? Encode<T>(T? value) where T : struct =>
        value is { } v ? JsonSerializer.SerializeToUtf8Bytes(v) : null;
}

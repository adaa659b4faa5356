namespace Gateway.Plugins.AiProxy.Request;

/// <summary>What parse-request learned from a Messages body: the fields the gateway checks or may override.</summary>
internal sealed class RequestBodyFacts
{
    public bool IsJsonObject { get; set; }

    /// <summary>Index of the body's opening brace, where new fields are inserted.</summary>
    public int ObjectStart { get; set; }

    /// <summary>A non-empty <c>messages</c> array is present.</summary>
    public bool HasMessages { get; set; }

    /// <summary>The body's <c>model</c> when it is a string.</summary>
    public string? Model { get; set; }

    /// <summary><c>model</c> is present but a number, null, object, array or boolean.</summary>
    public bool ModelIsNotString { get; set; }

    /// <summary>True only for <c>"stream": true</c>.</summary>
    public bool Stream { get; set; }

    public ValueRange? ModelValue { get; set; }

    public ValueRange? StreamValue { get; set; }

    public ValueRange? MaxTokensValue { get; set; }

    public ValueRange? TemperatureValue { get; set; }

    public ValueRange? TopPValue { get; set; }

    public ValueRange? TopKValue { get; set; }
}

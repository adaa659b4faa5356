using System.Text;

namespace Gateway.Plugins.AiProxy.Request;

/// <summary>The configured model name and its UTF-8 bytes, made once per instance so that parse-request can compare a
/// body's model in place and reuse this string rather than decode one per request, and the reply's model header is
/// not built anew for every call.</summary>
internal sealed class PinnedModel(string name, string provider)
{
    public string Name { get; } = name;

    public byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(name);

    /// <summary>The <c>X-Kong-LLM-Model</c> value of a reply to a call that used this model.</summary>
    public string ModelHeaderValue { get; } = provider + "/" + name;
}

using Gateway.Plugins.AiProxy.Configuration;

namespace Gateway.Plugins.AiProxy.OpenAiUpstream;

/// <summary>
/// Where an OpenAI-compatible provider's Chat Completions live, parsed once per instance, in the configure phase
/// (<see cref="Request.PreparedInstance"/>). <c>openai</c>:
/// <c>https://api.openai.com/v1/chat/completions</c>, or <c>model.options.upstream_url</c> (vLLM, Ollama, LM Studio,
/// OpenRouter…; its path when it has one, else <c>/v1/chat/completions</c>). <c>azure</c>:
/// <c>https://{azure_instance}.openai.azure.com/openai/deployments/{azure_deployment_id}/chat/completions?api-version=…</c>;
/// an upstream_url replaces scheme, host and port, and its path (when it has one) the deployment path.
/// </summary>
/// <param name="ModelsPath">Where <c>GET …/models</c> goes.</param>
/// <param name="Query">The query the provider needs (Azure's api-version), or empty to keep the client's.</param>
internal sealed record OpenAiEndpoint(string Scheme, string Host, int Port, string ChatPath, string ModelsPath, string Query)
{
    public const string ChatCompletionsPath = "/v1/chat/completions";

    public static OpenAiEndpoint Parse(ModelConfig model)
    {
        var options = model.Options;
        var uri = options.UpstreamUrl is { } url ? new Uri(url, UriKind.Absolute) : null;
        var hasPath = uri is not null && uri.AbsolutePath is not ("" or "/");
        if (model.Provider == ModelProvider.Azure)
        {
            var deploymentPath = $"/openai/deployments/{options.AzureDeploymentId}/chat/completions";
            var query = "?api-version=" + options.AzureApiVersion;
            return uri is null
                ? new OpenAiEndpoint("https", $"{options.AzureInstance}.openai.azure.com", 443, deploymentPath, "/openai/models", query)
                : new OpenAiEndpoint(uri.Scheme, uri.Host, uri.Port, hasPath ? uri.AbsolutePath : deploymentPath, "/openai/models", query);
        }

        return uri is null
            ? new OpenAiEndpoint("https", "api.openai.com", 443, ChatCompletionsPath, "/v1/models", "")
            : new OpenAiEndpoint(uri.Scheme, uri.Host, uri.Port, hasPath ? uri.AbsolutePath : ChatCompletionsPath,
                ModelsPathBeside(hasPath ? uri.AbsolutePath : ChatCompletionsPath), "");
    }

    // vLLM, Ollama and LM Studio serve …/v1/models next to …/v1/chat/completions.
    private static string ModelsPathBeside(string chatPath) =>
        chatPath.EndsWith("/chat/completions", StringComparison.Ordinal)
            ? chatPath[..^"/chat/completions".Length] + "/models"
            : "/v1/models";
}
